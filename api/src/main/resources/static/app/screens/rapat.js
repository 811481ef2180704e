// Rapat KIA-gizi: the monthly review of a kecamatan's maternal, child and nutrition figures (kiaGiziReview), for the
// lokakarya mini: the kecamatan at a glance, then one indicator across its kelurahan, each value with its change on
// the previous month, whether that is good news, why a value is missing, and the last 12 months as a small sparkline
// (the numbers also as text). Kecamatan and month pickers (default: the caller's kecamatan and the latest month the
// registers cover completely, read from dataAvailability). Printable: the screen's print CSS, and the server's report
// (HTML, CSV). GraphQL: /app/graphql/rapat.graphql.
import { h, fill, field, select, status } from '../lib/dom.js';
import { t, addMessages, lang, locale, fmtNumber, fmtPercent, fmtMonth } from '../lib/i18n.js';
import { gql, openReport, download } from '../lib/api.js';

addMessages({
  id: {
    'rapat.title': 'Rapat KIA-gizi',
    'rapat.intro': 'Tinjauan bulanan kesehatan ibu, anak dan gizi per kecamatan, dibanding bulan sebelumnya.',
    'rapat.kecamatan': 'Kecamatan',
    'rapat.month': 'Bulan',
    'rapat.month-partial': '{month} (data sebagian)',
    'rapat.print': 'Cetak layar',
    'rapat.report': 'Laporan cetak (HTML)',
    'rapat.csv': 'Unduh CSV',
    'rapat.heading': 'Kecamatan {name} · {month}',
    'rapat.compared': 'Dibanding {previous}. Tren: 12 bulan, {from} sampai {to}.',
    'rapat.summary': 'Ringkasan kecamatan',
    'rapat.per-kelurahan': 'Per kelurahan',
    'rapat.indicator': 'Indikator',
    'rapat.value': 'Bulan ini',
    'rapat.trend12': 'Tren 12 bulan',
    'rapat.kelurahan': 'Kelurahan',
    'rapat.total': 'Jumlah kecamatan',
    'rapat.previous': 'bulan lalu {value}',
    'rapat.improved': 'membaik', 'rapat.worsened': 'memburuk', 'rapat.unchanged': 'tetap',
    'rapat.points': '{n} poin',
    'rapat.group.MATERNAL': 'Kesehatan ibu', 'rapat.group.CHILD': 'Kesehatan anak', 'rapat.group.NUTRITION': 'Gizi',
    'rapat.missing.NO_DATA': 't.a.d.', 'rapat.missing.PARTIAL_PERIOD': 'sebagian',
    'rapat.missing.SUPPRESSED': 'disembunyikan', 'rapat.missing.NO_DENOMINATOR': 't.t.',
    'rapat.missing-title.NO_DATA': 'tidak ada data untuk bulan ini',
    'rapat.missing-title.PARTIAL_PERIOD': 'data hanya mencakup sebagian bulan: angka akan lebih kecil dari sebenarnya',
    'rapat.missing-title.SUPPRESSED': 'disembunyikan karena jumlahnya kecil (perlindungan data)',
    'rapat.missing-title.NO_DENOMINATOR': 'tidak terdefinisi: penyebutnya 0 (misalnya tidak ada balita diukur)',
    'rapat.legend': 'Keterangan',
    'rapat.legend-missing': 't.a.d. = tidak ada data untuk bulan ini; sebagian = data hanya mencakup sebagian bulan (angka lebih kecil dari sebenarnya); disembunyikan = jumlah kecil tidak ditampilkan (perlindungan data); t.t. = tidak terdefinisi (penyebut 0); – = tidak ada nilai.',
    'rapat.legend-trend': '▲ naik, ▼ turun dari bulan lalu; membaik (hijau) bila ke arah yang diinginkan (cakupan naik; stunting, BBLR, kematian turun), memburuk (merah) bila sebaliknya; tanpa kata bila indikator tidak punya arah yang diinginkan (persalinan, sasaran, ibu hamil risiko tinggi).',
    'rapat.legend-spark': 'Garis kecil: 12 bulan terakhir, dari 0 (bawah) sampai nilai tertinggi garis itu (atas); celah = tidak ada nilai; titik besar = bulan ini. Angkanya ada di tabel "Angka 12 bulan".',
    'rapat.public': 'Sebagian baris adalah angka publik: jumlah kecil disembunyikan.',
    'rapat.months-table': 'Angka 12 bulan: {indicator}',
    'rapat.spark-label': '{indicator}, 12 bulan: {values}',
    'rapat.no-kecamatan': 'Tidak ada kecamatan untuk akun ini.',
    'rapat.no-months': 'Belum ada data e-PPGBM atau PERMAISURI untuk kota/kabupaten ini.',
    'rapat.loading': 'Memuat tinjauan…',
    'rapat.report-opened': 'Laporan cetak dibuka di tab baru.',
    'rapat.csv-done': 'CSV diunduh.',
  },
  en: {
    'rapat.title': 'KIA-nutrition meeting',
    'rapat.intro': 'The monthly review of maternal, child and nutrition figures of a kecamatan, against the month before.',
    'rapat.kecamatan': 'Kecamatan',
    'rapat.month': 'Month',
    'rapat.month-partial': '{month} (partial data)',
    'rapat.print': 'Print screen',
    'rapat.report': 'Printable report (HTML)',
    'rapat.csv': 'Download CSV',
    'rapat.heading': 'Kecamatan {name} · {month}',
    'rapat.compared': 'Against {previous}. Trend: 12 months, {from} to {to}.',
    'rapat.summary': 'Kecamatan summary',
    'rapat.per-kelurahan': 'By kelurahan',
    'rapat.indicator': 'Indicator',
    'rapat.value': 'This month',
    'rapat.trend12': '12-month trend',
    'rapat.kelurahan': 'Kelurahan',
    'rapat.total': 'Kecamatan total',
    'rapat.previous': 'last month {value}',
    'rapat.improved': 'improved', 'rapat.worsened': 'worsened', 'rapat.unchanged': 'unchanged',
    'rapat.points': '{n} points',
    'rapat.group.MATERNAL': 'Maternal health', 'rapat.group.CHILD': 'Child health', 'rapat.group.NUTRITION': 'Nutrition',
    'rapat.missing.NO_DATA': 'no data', 'rapat.missing.PARTIAL_PERIOD': 'partial',
    'rapat.missing.SUPPRESSED': 'suppressed', 'rapat.missing.NO_DENOMINATOR': 'undef.',
    'rapat.missing-title.NO_DATA': 'no data for this month',
    'rapat.missing-title.PARTIAL_PERIOD': 'the data cover only part of the month: a count would understate it',
    'rapat.missing-title.SUPPRESSED': 'withheld because the count is small (data protection)',
    'rapat.missing-title.NO_DENOMINATOR': 'undefined: its denominator is 0 (e.g. no balita measured)',
    'rapat.legend': 'Legend',
    'rapat.legend-missing': 'no data = nothing imported for this month; partial = the data cover only part of the month (figures understated); suppressed = small counts withheld (data protection); undef. = undefined (denominator 0); – = no value.',
    'rapat.legend-trend': '▲ up, ▼ down on last month; improved (green) when it moved the desirable way (coverage up; stunting, low birth weight, deaths down), worsened (red) otherwise; no word when the indicator has no desirable direction (births, targets, high-risk pregnancies).',
    'rapat.legend-spark': 'Small line: the last 12 months, from 0 (bottom) to the line\'s own highest value (top); a gap = no value; big dot = this month. The numbers are in the "12-month figures" table.',
    'rapat.public': 'Some rows are public figures: small counts are withheld.',
    'rapat.months-table': '12-month figures: {indicator}',
    'rapat.spark-label': '{indicator}, 12 months: {values}',
    'rapat.no-kecamatan': 'No kecamatan for this account.',
    'rapat.no-months': 'No e-PPGBM or PERMAISURI data for this kota/kabupaten yet.',
    'rapat.loading': 'Loading the review…',
    'rapat.report-opened': 'The printable report opened in a new tab.',
    'rapat.csv-done': 'CSV downloaded.',
  },
});

// Indicator names in English (the API gives the Indonesian label of each key).
const ENGLISH = {
  highRiskPregnancies: 'High-risk pregnancies', births: 'Births', maternalDeaths: 'Maternal deaths',
  lowBirthWeightBirths: 'Low-birth-weight births', lowBirthWeightOverdueFollowUps: 'Low-birth-weight home visits overdue',
  infantDeaths: 'Infant deaths', balitaTargeted: 'Balita targeted', childrenMeasured: 'Balita weighed/measured',
  measurementCoverage: 'Measurement coverage', stunted: 'Balita stunted', stuntingPrevalence: 'Stunting prevalence',
  severelyStunted: 'Severely stunted', wasted: 'Wasted', underweight: 'Underweight',
};
const RATES = new Set(['measurementCoverage', 'stuntingPrevalence']);
const GROUPS = ['MATERNAL', 'CHILD', 'NUTRITION'];
const REGISTERS = ['EPPGBM', 'PERMAISURI'];
const SVG = 'http://www.w3.org/2000/svg';

function label(v) {
  return lang() === 'en' ? ENGLISH[v.key] || v.label : v.label;
}

function fmtValue(key, value) {
  return RATES.has(key) ? fmtPercent(value) : fmtNumber(value);
}

function fmtChange(key, change) {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  // A change under 0.05 points shows two decimals: "+0,0 poin membaik" would read as no change that improved.
  const points = Math.abs(change) * 100;
  return RATES.has(key) ? sign + t('rapat.points', { n: fmtNumber(points, points > 0 && points < 0.05 ? 2 : 1) }) : sign + fmtNumber(Math.abs(change));
}

function shortMonth(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: '2-digit' }).format(new Date(y, m - 1, 1));
}

function monthText(ym) {
  const [y, m] = ym.split('-').map(Number);
  return fmtMonth(y, m);
}

/** The value as shown: the number, or why it is missing (t.a.d., sebagian, …), never 0 for no data. */
function valueNode(v) {
  if (v.value !== null && v.value !== undefined) return h('span', { class: 'rapat-value' }, fmtValue(v.key, v.value));
  if (!v.missing) return h('span', { class: 'rapat-value missing' }, '–');
  return h('abbr', { class: 'rapat-value missing', title: t('rapat.missing-title.' + v.missing), dataset: { missing: v.missing } },
    t('rapat.missing.' + v.missing));
}

/** The change on last month with its meaning in words and an arrow (colour is never the only carrier). */
function changeNode(v) {
  if (v.change === null || v.change === undefined) {
    return h('span', { class: 'rapat-change neutral' }, t('rapat.previous', { value: v.previous === null || v.previous === undefined ? '–' : fmtValue(v.key, v.previous) }));
  }
  const arrow = v.change > 0 ? '▲ ' : v.change < 0 ? '▼ ' : '';
  const word = { IMPROVED: t('rapat.improved'), WORSENED: t('rapat.worsened'), UNCHANGED: t('rapat.unchanged') }[v.trend];
  const css = { IMPROVED: 'improved', WORSENED: 'worsened' }[v.trend] || 'neutral';
  return h('span', { class: 'rapat-change ' + css, dataset: { trend: v.trend } },
    h('span', { class: 'amount' }, arrow + fmtChange(v.key, v.change)), word ? ' ' + word : null);
}

/**
 * The last 12 months as an inline SVG sparkline drawn here (no library): x one step per month, y from 0 (bottom) to
 * the line's own maximum (top); a missing month is a gap, a lone known month a dot, the month reviewed a bigger dot.
 * Its accessible name lists every month's value.
 */
function sparkline(v, months) {
  const values = v.last12Months;
  const width = 84;
  const height = 22;
  const step = (width - 6) / (values.length - 1);
  const max = Math.max(0, ...values.filter((x) => x !== null && x !== undefined));
  const x = (i) => (3 + i * step).toFixed(1);
  const y = (value) => (2 + (height - 4) - (max > 0 ? value / max * (height - 4) : 0)).toFixed(1);
  const text = values.map((value, i) => shortMonth(months[i]) + ' ' + (value === null || value === undefined ? '–' : fmtValue(v.key, value))).join(', ');
  const svg = document.createElementNS(SVG, 'svg');
  const attrs = { class: 'rapat-spark', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': t('rapat.spark-label', { indicator: label(v), values: text }) };
  Object.entries(attrs).forEach(([k, val]) => svg.setAttribute(k, val));
  const title = document.createElementNS(SVG, 'title');
  title.textContent = text;
  svg.append(title);
  const add = (tag, props) => {
    const el = document.createElementNS(SVG, tag);
    Object.entries(props).forEach(([k, val]) => el.setAttribute(k, val));
    svg.append(el);
  };
  let run = [];
  const flush = () => {
    if (run.length === 1) add('circle', { cx: run[0][0], cy: run[0][1], r: 1.5 });
    if (run.length > 1) add('polyline', { points: run.map((p) => p.join(',')).join(' ') });
    run = [];
  };
  values.forEach((value, i) => {
    if (value === null || value === undefined) flush();
    else run.push([x(i), y(value)]);
  });
  flush();
  const last = values[values.length - 1];
  if (last !== null && last !== undefined) add('circle', { class: 'now', cx: x(values.length - 1), cy: y(last), r: 2.5 });
  return svg;
}

/** Months the review can show, newest first: those e-PPGBM or PERMAISURI cover, with the completeness of both. */
function monthOptions(availability) {
  const byMonth = new Map();
  for (const register of availability.registers.filter((r) => REGISTERS.includes(r.register))) {
    for (const p of register.periods) {
      if (p.status === 'NO_DATA') continue;
      const entry = byMonth.get(p.period) || {};
      entry[register.register] = p.status;
      byMonth.set(p.period, entry);
    }
  }
  return [...byMonth.entries()].sort((a, b) => b[0].localeCompare(a[0]))
    .map(([month, statuses]) => ({ month, complete: REGISTERS.every((r) => statuses[r] === 'COMPLETE') }));
}

function summaryTable(review, group) {
  const total = review.rows.find((r) => r.level === 'KECAMATAN') || review.rows[review.rows.length - 1];
  const values = total.values.filter((v) => v.group === group);
  const id = 'rapat-group-' + group;
  return h('section', { class: 'rapat-group', 'aria-labelledby': id },
    h('h3', { id }, t('rapat.group.' + group)),
    h('table', { class: 'rapat-table', dataset: { group } },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('rapat.indicator')), h('th', { scope: 'col', class: 'num' }, t('rapat.value')),
        h('th', { scope: 'col', class: 'spark-col' }, t('rapat.trend12')))),
      h('tbody', {}, values.map((v) => h('tr', { dataset: { key: v.key } },
        h('th', { scope: 'row' }, label(v)),
        h('td', { class: 'num' }, valueNode(v), h('br'), changeNode(v)),
        h('td', { class: 'spark-col' }, sparkline(v, review.months)))))));
}

function kelurahanTable(review, key) {
  const first = review.rows[0].values.find((v) => v.key === key);
  return h('table', { class: 'rapat-table', id: 'rapat-kelurahan-table', dataset: { key } },
    h('caption', { class: 'sr-only' }, label(first)),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('rapat.kelurahan')), h('th', { scope: 'col', class: 'num' }, t('rapat.value')),
      h('th', { scope: 'col', class: 'spark-col' }, t('rapat.trend12')))),
    h('tbody', {}, review.rows.map((row) => {
      const v = row.values.find((x) => x.key === key);
      const total = row.level === 'KECAMATAN';
      return h('tr', { class: total ? 'total' : null, dataset: { region: row.regionCode } },
        h('th', { scope: 'row' }, total ? t('rapat.total') : row.name),
        h('td', { class: 'num' }, valueNode(v), h('br'), changeNode(v)),
        h('td', { class: 'spark-col' }, sparkline(v, review.months)));
    })));
}

/** The numbers of the sparklines of one indicator: kelurahan in rows, the 12 months in columns. */
function monthsTable(review, key) {
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('rapat.months-table', { indicator: label(review.rows[0].values.find((v) => v.key === key)) }) },
    h('table', { class: 'rapat-months' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('rapat.kelurahan')), review.months.map((m) => h('th', { scope: 'col', class: 'num' }, shortMonth(m))))),
      h('tbody', {}, review.rows.map((row) => {
        const v = row.values.find((x) => x.key === key);
        return h('tr', { class: row.level === 'KECAMATAN' ? 'total' : null },
          h('th', { scope: 'row' }, row.level === 'KECAMATAN' ? t('rapat.total') : row.name),
          v.last12Months.map((value) => h('td', { class: 'num' }, value === null || value === undefined ? '–' : fmtValue(key, value))));
      }))));
}

export default {
  id: 'rapat',
  roles: ['DINKES_ADMIN', 'PLANNER', 'CAMAT', 'LURAH', 'PUSKESMAS_STAFF', 'KADER'],
  async render(root, ctx) {
    const { me } = ctx;
    const scope = me.scope || [];
    const message = h('p', { class: 'status', hidden: true });
    fill(root, h('h1', {}, t('rapat.title')), h('p', { class: 'muted no-print' }, t('rapat.intro')), message);
    if (!scope.length) { status(message, t('rapat.no-kecamatan'), 'error'); return; }
    const kabkota = scope[0].slice(0, 5);
    const setup = await gql('rapat', 'RapatSetup', { kabkota });
    const kecamatan = setup.regions.edges.map((e) => e.node);
    if (!kecamatan.length) { status(message, t('rapat.no-kecamatan'), 'error'); return; }
    const months = monthOptions(setup.dataAvailability);
    if (!months.length) { status(message, t('rapat.no-months'), 'error'); return; }

    // Defaults: the caller's kecamatan (from its scope), the latest month both registers cover completely.
    const own = scope.map((s) => s.slice(0, 8)).find((s) => kecamatan.some((k) => k.code === s));
    const latestComplete = (months.find((m) => m.complete) || months[0]).month;
    const state = {
      kecamatan: kecamatan.some((k) => k.code === ctx.params.get('kecamatan')) ? ctx.params.get('kecamatan') : own || kecamatan[0].code,
      month: months.some((m) => m.month === ctx.params.get('month')) ? ctx.params.get('month') : latestComplete,
      indicator: ctx.params.get('indikator') || 'stuntingPrevalence',
    };

    const kecSelect = select(kecamatan.map((k) => ({ value: k.code, label: k.name })), state.kecamatan, { id: 'rapat-kecamatan' });
    const monthSelect = select(months.map((m) => ({ value: m.month, label: m.complete ? monthText(m.month) : t('rapat.month-partial', { month: monthText(m.month) }) })),
      state.month, { id: 'rapat-month' });
    const action = h('p', { class: 'status', hidden: true });
    const reportPath = (ext) => `/reports/kia-gizi/${state.kecamatan}/${state.month}.${ext}`;
    const controls = h('div', { class: 'no-print' },
      h('div', { class: 'row' }, field(t('rapat.kecamatan'), kecSelect), field(t('rapat.month'), monthSelect)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'rapat-print', onclick: () => window.print() }, t('rapat.print')),
        h('button', { type: 'button', id: 'rapat-report', onclick: () => openReport(reportPath('html'))
          .then(() => status(action, t('rapat.report-opened'), 'ok'))
          .catch((e) => status(action, t('app.error', { message: e.message }), 'error')) }, t('rapat.report')),
        h('button', { type: 'button', id: 'rapat-csv', onclick: () => download(reportPath('csv'), `kia-gizi-${state.kecamatan}-${state.month}.csv`)
          .then(() => status(action, t('rapat.csv-done'), 'ok'))
          .catch((e) => status(action, t('app.error', { message: e.message }), 'error')) }, t('rapat.csv'))),
      action);
    const body = h('div', { class: 'rapat-body' });
    root.append(controls, body);
    let loads = 0;

    async function load() {
      const n = ++loads;
      root.dataset.ready = 'false';
      fill(body, h('p', { class: 'muted' }, t('rapat.loading')));
      const review = (await gql('rapat', 'RapatReview', { kecamatanCode: state.kecamatan, month: state.month })).kiaGiziReview;
      if (n !== loads) return;
      const keys = review.rows[0].values.map((v) => v.key);
      if (!keys.includes(state.indicator)) state.indicator = 'stuntingPrevalence';
      const indicatorSelect = select(review.rows[0].values.map((v) => ({ value: v.key, label: label(v) })), state.indicator, { id: 'rapat-indicator' });
      const perKelurahan = h('div', { class: 'rapat-kelurahan' });
      const showIndicator = () => {
        fill(perKelurahan, kelurahanTable(review, state.indicator),
          h('details', { class: 'rapat-numbers' }, h('summary', {}, t('rapat.months-table', { indicator: label(review.rows[0].values.find((v) => v.key === state.indicator)) })),
            monthsTable(review, state.indicator)));
      };
      indicatorSelect.addEventListener('change', () => { state.indicator = indicatorSelect.value; remember(); showIndicator(); });
      showIndicator();
      fill(body,
        h('h2', { id: 'rapat-heading' }, t('rapat.heading', { name: review.name, month: monthText(review.month) }),
          review.synthetic ? [' ', h('span', { class: 'badge' }, t('app.synthetic'))] : null),
        h('p', { class: 'muted' }, t('rapat.compared', { previous: monthText(review.previousMonth), from: monthText(review.months[0]), to: monthText(review.month) })),
        review.rows.some((r) => !r.exact) ? h('p', { class: 'hint' }, t('rapat.public')) : null,
        h('section', { 'aria-labelledby': 'rapat-summary' }, h('h2', { id: 'rapat-summary' }, t('rapat.summary')),
          h('div', { class: 'rapat-groups' }, GROUPS.map((g) => summaryTable(review, g)))),
        h('section', { 'aria-labelledby': 'rapat-per-kelurahan', class: 'rapat-section-kelurahan' },
          h('h2', { id: 'rapat-per-kelurahan' }, t('rapat.per-kelurahan')),
          h('div', { class: 'no-print' }, field(t('rapat.indicator'), indicatorSelect)), perKelurahan),
        h('section', { class: 'rapat-legend', 'aria-labelledby': 'rapat-legend' }, h('h2', { id: 'rapat-legend' }, t('rapat.legend')),
          h('p', {}, t('rapat.legend-missing')), h('p', {}, t('rapat.legend-trend')), h('p', {}, t('rapat.legend-spark'))));
      root.dataset.ready = 'true';
      root.dataset.kecamatan = review.kecamatanCode;
      root.dataset.month = review.month;
    }

    function remember() {
      ctx.setParams({ kecamatan: state.kecamatan, month: state.month, indikator: state.indicator });
    }
    const changed = () => { remember(); load().catch((e) => status(message, t('app.error', { message: e.message }), 'error')); };
    kecSelect.addEventListener('change', () => { state.kecamatan = kecSelect.value; changed(); });
    monthSelect.addEventListener('change', () => { state.month = monthSelect.value; changed(); });
    await load();
  },
};
