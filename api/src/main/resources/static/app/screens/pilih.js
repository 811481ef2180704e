// Pilih RW (camat, lurah, puskesmas, Dinkes): the RWs of my area ranked by need (targetCandidates), on the map and in
// a list with the score broken down per component; weights adjustable; RWs picked (map click or checkbox) into a
// target selection with a purpose, period and reason; saved as a draft, edited, submitted for review, withdrawn, or
// corrected and resubmitted after a rejection; its state, history and conflicts shown. GraphQL: graphql/pilih.graphql.
import { h, fill, field, status, select } from '../lib/dom.js';
import { t, addMessages, fmtNumber, fmtPercent, fmtDate, fmtMonth } from '../lib/i18n.js';
import { gql } from '../lib/api.js';
import { createMap, addBoundaries, colorRws, idle } from '../lib/map.js';

addMessages({
  id: {
    'pilih.title': 'Pilih RW sasaran',
    'pilih.intro': 'RW diurutkan dari yang paling membutuhkan. Centang RW (atau ketuk di peta) untuk memasukkannya ke pilihan, lalu simpan dan kirim untuk ditinjau Dinkes atau puskesmas.',
    'pilih.map': 'Peta RW menurut peringkat kebutuhan; RW terpilih bergaris tebal',
    'pilih.area': 'Wilayah', 'pilih.area-all': 'Seluruh {name}',
    'pilih.data-period': 'Periode data', 'pilih.quarter': 'Triwulan {q} {year} ({range})', 'pilih.month': 'Bulan {month}',
    'pilih.not-counted': 'Tidak ikut dihitung untuk periode ini (tidak ada data di RW mana pun): {components}. Bobotnya tidak menambah skor; pilih periode lain bila perlu.',
    'pilih.year': 'Tahun {year}', 'pilih.year-partial': 'Tahun {year} (data sebagian)', 'pilih.no-data-period': 'Belum ada data e-PPGBM untuk diperingkat.',
    'pilih.weights': 'Bobot skor', 'pilih.weights-hint': 'Bobot 0–1; skor = jumlah bobot × nilai yang dinormalkan (1 = paling membutuhkan).',
    'pilih.rerank': 'Hitung ulang peringkat', 'pilih.reset': 'Bobot awal',
    'pilih.candidates': 'Peringkat RW ({n})', 'pilih.rank': 'Peringkat {rank}', 'pilih.score': 'Skor {score}',
    'pilih.pick': 'Pilih {name}', 'pilih.breakdown': 'Rincian skor',
    'pilih.component': 'Komponen', 'pilih.value': 'Nilai', 'pilih.weight': 'Bobot', 'pilih.contribution': 'Sumbangan',
    'pilih.no-data': 'tidak ada data', 'pilih.scored-zero': 'dihitung 0',
    'pilih.puskesmas': 'Puskesmas: {name}',
    'pilih.held': 'Sudah dipegang pilihan #{id} ({who}, {state})',
    'pilih.legend': 'Keterangan peta', 'pilih.legend-rank': 'Peringkat {from}–{to}', 'pilih.legend-picked': 'RW terpilih',
    'pilih.legend-held': 'Sudah dipegang pilihan lain', 'pilih.legend-none': 'Bukan kandidat',
    'pilih.selection': 'Pilihan RW', 'pilih.new': 'Pilihan baru', 'pilih.selection-id': 'Pilihan #{id}',
    'pilih.state': 'Status', 'pilih.purpose': 'Untuk', 'pilih.period-from': 'Mulai', 'pilih.period-to': 'Sampai',
    'pilih.reason': 'Alasan', 'pilih.reason-hint': 'Mengapa RW ini? (dibaca peninjau)',
    'pilih.picked': 'RW terpilih ({n})', 'pilih.picked-none': 'Belum ada RW dipilih. Centang RW di daftar atau ketuk di peta.',
    'pilih.remove': 'Hapus {name} dari pilihan',
    'pilih.save-draft': 'Simpan draf', 'pilih.save': 'Simpan perubahan', 'pilih.submit': 'Kirim untuk ditinjau',
    'pilih.resubmit': 'Perbaiki dan kirim ulang', 'pilih.resubmit-note': 'Catatan perbaikan untuk peninjau',
    'pilih.withdraw': 'Tarik kembali',
    'pilih.saved': 'Pilihan #{id} tersimpan sebagai draf.', 'pilih.updated': 'Perubahan pilihan #{id} tersimpan.',
    'pilih.submitted': 'Pilihan #{id} dikirim untuk ditinjau.', 'pilih.resubmitted': 'Pilihan #{id} dikirim ulang untuk ditinjau.',
    'pilih.withdrawn': 'Pilihan #{id} ditarik kembali.', 'pilih.nothing-changed': 'Tidak ada perubahan.',
    'pilih.need-rw': 'Pilih paling sedikit satu RW.', 'pilih.need-reason': 'Isi alasannya.',
    'pilih.need-period': 'Isi tanggal mulai dan sampai.',
    'pilih.readonly': 'Pilihan ini tidak bisa diubah lagi (status {state}).',
    'pilih.review-note': 'Catatan peninjau ({who}): {note}',
    'pilih.conflicts': 'Bentrok dengan pilihan lain',
    'pilih.conflict': '{rw}: juga ada di pilihan #{id} ({who}, {state}, {from} – {to})',
    'pilih.conflicts-hint': 'Pilihan yang bentrok tidak bisa disetujui bersamaan; peninjau akan memilih salah satu.',
    'pilih.history': 'Riwayat', 'pilih.history-step': '{action} oleh {actor} ({role}), {at}',
    'pilih.changed': 'diubah: {fields}',
    'pilih.existing': 'Pilihan terbaru di wilayah ini ({n})', 'pilih.existing-none': 'Belum ada pilihan.',
    'pilih.open': 'Buka', 'pilih.rws': '{n} RW', 'pilih.by': 'oleh {who}',
    'pilih.warnings': 'Catatan data akses',
    'pilih.cannot-pick': 'Peran ini hanya dapat melihat peringkat.',
    'err.StaleVersionError': 'Pilihan ini sudah diubah di tempat lain (versi {version}). Muat ulang lalu coba lagi.',
    'err.InvalidTransitionError': 'Langkah ini tidak bisa dilakukan dari status {state}.',
    'state.DRAFT': 'Draf', 'state.SUBMITTED': 'Menunggu tinjauan', 'state.APPROVED': 'Disetujui',
    'state.REJECTED': 'Ditolak', 'state.WITHDRAWN': 'Ditarik kembali',
    'purpose.PUSLING': 'Kunjungan Pusling', 'purpose.GERAKAN_INTERVENSI': 'Gerakan intervensi serentak',
    'action.CREATE': 'Dibuat', 'action.UPDATE': 'Diubah', 'action.SUBMIT': 'Dikirim untuk ditinjau',
    'action.RESUBMIT': 'Dikirim ulang', 'action.APPROVE': 'Disetujui', 'action.REJECT': 'Ditolak',
    'action.WITHDRAW': 'Ditarik kembali',
    'field.rwCodes': 'RW', 'field.reason': 'alasan', 'field.periodFrom': 'tanggal mulai', 'field.periodTo': 'tanggal sampai',
    'comp.STUNTING_PREVALENCE': 'Prevalensi stunting', 'comp.STUNTED': 'Balita stunting',
    'comp.TB_NOTIFICATIONS_PER_100K': 'Kasus TB per 100.000', 'comp.EXTREME_POOR_SHARE': 'Keluarga miskin ekstrem',
    'comp.DISTANCE_TO_PUSKESMAS': 'Jarak ke puskesmas', 'comp.TRAVEL_TIME_TO_PUSKESMAS': 'Waktu tempuh ke puskesmas',
    'comp.LOW_MEASUREMENT_COVERAGE': 'Cakupan penimbangan rendah', 'comp.KLEOPATRA_CRITERIA': 'Kriteria KLEOPATRA',
    'comp.MONTHS_SINCE_LAST_VISIT': 'Bulan sejak kunjungan Pusling terakhir',
    'missing.MONTHS_SINCE_LAST_VISIT': 'belum pernah dikunjungi Pusling (dihitung paling lama)',
    'missing.STUNTING_PREVALENCE': 'tidak ada balita diukur pada periode ini', 'missing.STUNTED': 'tidak ada balita diukur pada periode ini',
    'missing.TB_NOTIFICATIONS_PER_100K': 'penduduk RW tidak diketahui',
    'missing.EXTREME_POOR_SHARE': 'tidak ada keluarga terdata P3KE di RW ini',
    'missing.DISTANCE_TO_PUSKESMAS': 'tidak ada puskesmas penanggung jawab yang jelas',
    'missing.TRAVEL_TIME_TO_PUSKESMAS': 'tidak ada puskesmas penanggung jawab yang jelas',
    'missing.LOW_MEASUREMENT_COVERAGE': 'jumlah sasaran balita tidak diketahui',
    'missing.KLEOPATRA_CRITERIA': 'salah satu dari tiga kriteria tidak diketahui',
    'reason.NO_DATA': 'belum ada data impor untuk periode ini', 'reason.PARTIAL_PERIOD': 'data impor baru mencakup sebagian periode',
    'reason.SUPPRESSED': 'disembunyikan karena angkanya kecil',
    'reason.field': '{field}: {reason}', 'short.stuntingPrevalence': 'stunting', 'short.tbNotificationsPer100k': 'TB',
    'short.extremePoorShare': 'kemiskinan ekstrem',
    'unit.km': '{n} km', 'unit.min': '{n} menit', 'unit.per100k': '{n} per 100.000', 'unit.children': '{n} anak',
    'unit.of3': '{n} dari 3', 'unit.months': '{n} bulan',
  },
  en: {
    'pilih.title': 'Pick target RWs',
    'pilih.intro': 'RWs ranked from the neediest. Tick an RW (or tap it on the map) to add it to the selection, then save it and send it for review by the health office or puskesmas.',
    'pilih.map': 'Map of RWs by rank of need; picked RWs outlined thick',
    'pilih.area': 'Area', 'pilih.area-all': 'All of {name}',
    'pilih.data-period': 'Data period', 'pilih.quarter': 'Quarter {q} {year} ({range})', 'pilih.month': 'Month {month}',
    'pilih.not-counted': 'Not counted for this period (no data in any RW): {components}. Their weights add nothing to the score; choose another period if needed.',
    'pilih.year': 'Year {year}', 'pilih.year-partial': 'Year {year} (partial data)', 'pilih.no-data-period': 'No e-PPGBM data to rank yet.',
    'pilih.weights': 'Score weights', 'pilih.weights-hint': 'Weights 0–1; score = sum of weight × normalised value (1 = neediest).',
    'pilih.rerank': 'Rank again', 'pilih.reset': 'Default weights',
    'pilih.candidates': 'RW ranking ({n})', 'pilih.rank': 'Rank {rank}', 'pilih.score': 'Score {score}',
    'pilih.pick': 'Pick {name}', 'pilih.breakdown': 'Score breakdown',
    'pilih.component': 'Component', 'pilih.value': 'Value', 'pilih.weight': 'Weight', 'pilih.contribution': 'Contribution',
    'pilih.no-data': 'no data', 'pilih.scored-zero': 'scored 0',
    'pilih.puskesmas': 'Puskesmas: {name}',
    'pilih.held': 'Already held by selection #{id} ({who}, {state})',
    'pilih.legend': 'Map legend', 'pilih.legend-rank': 'Rank {from}–{to}', 'pilih.legend-picked': 'Picked RW',
    'pilih.legend-held': 'Held by another selection', 'pilih.legend-none': 'Not a candidate',
    'pilih.selection': 'RW selection', 'pilih.new': 'New selection', 'pilih.selection-id': 'Selection #{id}',
    'pilih.state': 'State', 'pilih.purpose': 'For', 'pilih.period-from': 'From', 'pilih.period-to': 'To',
    'pilih.reason': 'Reason', 'pilih.reason-hint': 'Why these RWs? (read by the reviewer)',
    'pilih.picked': 'Picked RWs ({n})', 'pilih.picked-none': 'No RW picked yet. Tick RWs in the list or tap them on the map.',
    'pilih.remove': 'Remove {name} from the selection',
    'pilih.save-draft': 'Save draft', 'pilih.save': 'Save changes', 'pilih.submit': 'Send for review',
    'pilih.resubmit': 'Correct and send again', 'pilih.resubmit-note': 'Note on the correction for the reviewer',
    'pilih.withdraw': 'Withdraw',
    'pilih.saved': 'Selection #{id} saved as a draft.', 'pilih.updated': 'Changes to selection #{id} saved.',
    'pilih.submitted': 'Selection #{id} sent for review.', 'pilih.resubmitted': 'Selection #{id} sent for review again.',
    'pilih.withdrawn': 'Selection #{id} withdrawn.', 'pilih.nothing-changed': 'Nothing changed.',
    'pilih.need-rw': 'Pick at least one RW.', 'pilih.need-reason': 'Give a reason.',
    'pilih.need-period': 'Fill in the first and last day.',
    'pilih.readonly': 'This selection can no longer be changed (state {state}).',
    'pilih.review-note': 'Reviewer’s note ({who}): {note}',
    'pilih.conflicts': 'Conflicts with other selections',
    'pilih.conflict': '{rw}: also in selection #{id} ({who}, {state}, {from} – {to})',
    'pilih.conflicts-hint': 'Conflicting selections cannot both be approved; the reviewer will choose one.',
    'pilih.history': 'History', 'pilih.history-step': '{action} by {actor} ({role}), {at}',
    'pilih.changed': 'changed: {fields}',
    'pilih.existing': 'Latest selections in this area ({n})', 'pilih.existing-none': 'No selection yet.',
    'pilih.open': 'Open', 'pilih.rws': '{n} RWs', 'pilih.by': 'by {who}',
    'pilih.warnings': 'Notes on the access data',
    'pilih.cannot-pick': 'This role can only view the ranking.',
    'err.StaleVersionError': 'This selection was changed elsewhere (version {version}). Reload and try again.',
    'err.InvalidTransitionError': 'This step is not possible from state {state}.',
    'state.DRAFT': 'Draft', 'state.SUBMITTED': 'Waiting for review', 'state.APPROVED': 'Approved',
    'state.REJECTED': 'Rejected', 'state.WITHDRAWN': 'Withdrawn',
    'purpose.PUSLING': 'Pusling visits', 'purpose.GERAKAN_INTERVENSI': 'Simultaneous intervention drive',
    'action.CREATE': 'Created', 'action.UPDATE': 'Edited', 'action.SUBMIT': 'Sent for review',
    'action.RESUBMIT': 'Sent again', 'action.APPROVE': 'Approved', 'action.REJECT': 'Rejected',
    'action.WITHDRAW': 'Withdrawn',
    'field.rwCodes': 'RWs', 'field.reason': 'reason', 'field.periodFrom': 'first day', 'field.periodTo': 'last day',
    'comp.STUNTING_PREVALENCE': 'Stunting prevalence', 'comp.STUNTED': 'Stunted children',
    'comp.TB_NOTIFICATIONS_PER_100K': 'TB cases per 100,000', 'comp.EXTREME_POOR_SHARE': 'Extreme-poor households',
    'comp.DISTANCE_TO_PUSKESMAS': 'Distance to the puskesmas', 'comp.TRAVEL_TIME_TO_PUSKESMAS': 'Travel time to the puskesmas',
    'comp.LOW_MEASUREMENT_COVERAGE': 'Low measurement coverage', 'comp.KLEOPATRA_CRITERIA': 'KLEOPATRA criteria',
    'comp.MONTHS_SINCE_LAST_VISIT': 'Months since the last Pusling visit',
    'missing.MONTHS_SINCE_LAST_VISIT': 'never visited by the Pusling (counted as the longest)',
    'missing.STUNTING_PREVALENCE': 'no child measured in this period', 'missing.STUNTED': 'no child measured in this period',
    'missing.TB_NOTIFICATIONS_PER_100K': 'the RW’s population is unknown',
    'missing.EXTREME_POOR_SHARE': 'no household of this RW in P3KE',
    'missing.DISTANCE_TO_PUSKESMAS': 'no clear responsible puskesmas',
    'missing.TRAVEL_TIME_TO_PUSKESMAS': 'no clear responsible puskesmas',
    'missing.LOW_MEASUREMENT_COVERAGE': 'the number of balita targeted is unknown',
    'missing.KLEOPATRA_CRITERIA': 'one of the three criteria is unknown',
    'reason.NO_DATA': 'no import covers this period yet', 'reason.PARTIAL_PERIOD': 'the imports cover only part of this period',
    'reason.SUPPRESSED': 'withheld because the count is small',
    'reason.field': '{field}: {reason}', 'short.stuntingPrevalence': 'stunting', 'short.tbNotificationsPer100k': 'TB',
    'short.extremePoorShare': 'extreme poverty',
    'unit.km': '{n} km', 'unit.min': '{n} min', 'unit.per100k': '{n} per 100,000', 'unit.children': '{n} children',
    'unit.of3': '{n} of 3', 'unit.months': '{n} months',
  },
});

/** Score components in TargetComponentKey order, with their TargetWeightsInput field. */
export const COMPONENTS = [
  ['STUNTING_PREVALENCE', 'stuntingPrevalence'], ['STUNTED', 'stunted'],
  ['TB_NOTIFICATIONS_PER_100K', 'tbNotificationsPer100k'], ['EXTREME_POOR_SHARE', 'extremePoorShare'],
  ['DISTANCE_TO_PUSKESMAS', 'distanceToPuskesmas'], ['TRAVEL_TIME_TO_PUSKESMAS', 'travelTimeToPuskesmas'],
  ['LOW_MEASUREMENT_COVERAGE', 'lowMeasurementCoverage'], ['KLEOPATRA_CRITERIA', 'kleopatraCriteria'],
  ['MONTHS_SINCE_LAST_VISIT', 'monthsSinceLastVisit'],
];
/** The rwIndicators fields behind a component (their `missing` reasons say why the component is missing). */
const FIELDS = {
  STUNTING_PREVALENCE: ['stuntingPrevalence'], STUNTED: ['stunted'], TB_NOTIFICATIONS_PER_100K: ['tbNotificationsPer100k'],
  EXTREME_POOR_SHARE: ['extremePoorShare'], LOW_MEASUREMENT_COVERAGE: ['measurementCoverage'],
  KLEOPATRA_CRITERIA: ['stuntingPrevalence', 'tbNotificationsPer100k', 'extremePoorShare'],
};
/** Rank classes on the map, from the neediest fifth (darkest) to the least needy. */
const RANK_COLORS = ['#99000d', '#cb181d', '#ef3b2c', '#fc9272', '#fee0d2'];
const PICKED_COLOR = '#0b3d91';
const HELD_COLOR = '#6a3d9a';
const EDITABLE = [null, 'DRAFT', 'REJECTED'];
const LIVE = ['SUBMITTED', 'APPROVED'];

/** A component's raw value in plain words ("17,7 %", "2,3 km", "12 menit"). */
export function componentValue(key, value) {
  if (value === null || value === undefined) return null;
  switch (key) {
    case 'STUNTING_PREVALENCE': case 'EXTREME_POOR_SHARE': case 'LOW_MEASUREMENT_COVERAGE': return fmtPercent(value);
    case 'STUNTED': return t('unit.children', { n: fmtNumber(value, 0) });
    case 'TB_NOTIFICATIONS_PER_100K': return t('unit.per100k', { n: fmtNumber(value, 0) });
    case 'DISTANCE_TO_PUSKESMAS': return t('unit.km', { n: fmtNumber(value / 1000, 1) });
    case 'TRAVEL_TIME_TO_PUSKESMAS': return t('unit.min', { n: fmtNumber(value / 60, 0) });
    case 'KLEOPATRA_CRITERIA': return t('unit.of3', { n: fmtNumber(value, 0) });
    case 'MONTHS_SINCE_LAST_VISIT': return t('unit.months', { n: fmtNumber(value, 0) });
    default: return fmtNumber(value);
  }
}

/** "RW 003 · Medono" from an RW code, with the kelurahan names known to the screen. */
export function rwLabel(code, names) {
  const rw = code.replace(/^.*\.RW0*(\d+)$/, (m, n) => 'RW ' + n.padStart(3, '0'));
  const kelurahan = names && names.get(code.replace(/\.RW\d+$/, ''));
  return kelurahan ? rw + ' · ' + kelurahan : rw;
}

/** A state as a badge. */
export function stateBadge(state) {
  return h('span', { class: 'state-badge state-' + state.toLowerCase() }, t('state.' + state));
}

/** The history of a selection as an ordered list (oldest first, notes quoted). */
export function historyList(selection) {
  return h('ol', { class: 'history' }, selection.history.map((step) => h('li', {},
    t('pilih.history-step', { action: t('action.' + step.action), actor: step.actor, role: t('role.' + step.actorRole),
      at: fmtDate(step.at, { time: true }) }),
    step.changedFields.length ? ' — ' + t('pilih.changed', { fields: step.changedFields.map((f) => t('field.' + f)).join(', ') }) : null,
    step.note ? h('q', {}, step.note) : null)));
}

/** The conflicts of a selection as a list of sentences. */
export function conflictList(conflicts, names) {
  return h('ul', { class: 'conflicts' }, conflicts.map((c) => h('li', {},
    t('pilih.conflict', { rw: rwLabel(c.rwCode, names), id: c.selectionId, who: c.createdBy, state: t('state.' + c.state),
      from: fmtDate(c.periodFrom), to: fmtDate(c.periodTo) }))));
}

/** The payload's UserErrors as one readable sentence (Indonesian where the type is known). */
export function errorText(errors) {
  return errors.map((e) => {
    if (e.__typename === 'StaleVersionError') return t('err.StaleVersionError', { version: e.currentVersion });
    if (e.__typename === 'InvalidTransitionError') return t('err.InvalidTransitionError', { state: t('state.' + e.currentState) });
    return e.message;
  }).join(' ');
}

function isoDay(date) {
  return date.getFullYear() + '-' + String(date.getMonth() + 1).padStart(2, '0') + '-' + String(date.getDate()).padStart(2, '0');
}

/** Next calendar month: the default period of a new selection. */
function nextMonth() {
  const now = new Date();
  return { from: isoDay(new Date(now.getFullYear(), now.getMonth() + 1, 1)), to: isoDay(new Date(now.getFullYear(), now.getMonth() + 2, 0)) };
}

/**
 * Periods to rank over, from what e-PPGBM covers: its complete months, newest first (the newest is the default: its TB
 * figure is the 12 months up to it, which a monthly SITB export covers soonest), then its complete quarters and the
 * years with data (a partial one says so). Calendar periods only: the public lattice of the figures is calendar.
 */
function dataPeriods(availability) {
  const eppgbm = availability.registers.find((r) => r.register === 'EPPGBM');
  if (!eppgbm) return [];
  const range = (p) => fmtDate(p.from) + ' – ' + fmtDate(p.to);
  const months = eppgbm.months.filter((p) => p.status === 'COMPLETE').reverse().map((p) => ({
    value: p.period, label: t('pilih.month', { month: fmtMonth(Number(p.period.slice(0, 4)), Number(p.period.slice(5, 7))) }),
    period: { year: Number(p.period.slice(0, 4)), month: Number(p.period.slice(5, 7)) },
  }));
  const quarters = eppgbm.quarters.filter((p) => p.status === 'COMPLETE').reverse().map((p) => ({
    value: p.period, label: t('pilih.quarter', { q: p.period.slice(-1), year: p.period.slice(0, 4), range: range(p) }), period: { year: Number(p.period.slice(0, 4)), quarter: Number(p.period.slice(-1)) },
  }));
  const years = eppgbm.years.filter((p) => p.status !== 'NO_DATA').reverse().map((p) => ({
    value: p.period, label: t(p.status === 'COMPLETE' ? 'pilih.year' : 'pilih.year-partial', { year: p.period }), period: { year: Number(p.period) },
  }));
  return [...months, ...quarters, ...years];
}

export default {
  id: 'pilih',
  roles: ['DINKES_ADMIN', 'CAMAT', 'LURAH', 'PUSKESMAS_STAFF'],
  async render(root, ctx) {
    const { me } = ctx;
    const areaCodes = me.scope.filter((c) => !/RW\d+$/.test(c));
    const kabkota = (me.scope[0] || '').slice(0, 5);
    const state = {
      area: ctx.params.get('wilayah') || areaCodes[0] || kabkota,
      periodKey: null, weights: null, ranking: null, names: new Map(), reasons: new Map(),
      existing: [], held: new Map(), sel: null, picked: [], base: null,
    };
    const message = h('p', { class: 'status', hidden: true });
    const mapBox = h('div', { class: 'map', id: 'pilih-map' });
    const controls = h('div', { class: 'card controls no-print' });
    const editor = h('section', { class: 'card', 'aria-labelledby': 'pilih-sel-title', id: 'pilih-editor' });
    const existingBox = h('section', { class: 'card', id: 'pilih-existing' });
    const listBox = h('section', { id: 'pilih-candidates', 'aria-labelledby': 'pilih-list-title' });
    const legend = h('div', { class: 'legend', id: 'pilih-legend' });
    fill(root,
      h('h1', {}, t('pilih.title')),
      h('p', { class: 'muted' }, t('pilih.intro')),
      message,
      h('div', { class: 'split' },
        h('div', { class: 'map-column' }, mapBox, legend),
        h('div', { class: 'panel' }, editor, existingBox, controls, listBox)));

    const availability = (await gql('pilih', 'PilihAvailability', { kabkotaCode: kabkota })).dataAvailability;
    const periods = dataPeriods(availability);
    state.periodKey = ctx.params.get('data') && periods.some((p) => p.value === ctx.params.get('data')) ? ctx.params.get('data') : (periods[0] || {}).value;

    const map = await createMap(mapBox, { label: t('pilih.map') });
    const base = await addBoundaries(map, areaCodes.length === 1 ? areaCodes[0] : kabkota, { rwLabelZoom: 14 });
    base.kelurahan.features.forEach((f) => state.names.set(f.properties.code, f.properties.name));
    const scopeRegion = areaCodes.length === 1 && (await gql('common', 'AreaRegion', { code: areaCodes[0] })).region;
    state.areaName = scopeRegion ? t('pilih.area-all', { name: scopeRegion.name }) : kabkota;
    const labelPoints = new Map(base.markers.filter((m) => m.getElement().classList.contains('rw')).map((m) => [m.getElement().dataset.code, m.getLngLat()]));
    map.addLayer({ id: 'pilih-held', type: 'line', source: 'rw', filter: ['in', ['get', 'code'], ['literal', []]],
      paint: { 'line-color': HELD_COLOR, 'line-width': 3, 'line-dasharray': [2, 1] } });
    map.addLayer({ id: 'pilih-picked', type: 'line', source: 'rw', filter: ['in', ['get', 'code'], ['literal', []]],
      paint: { 'line-color': PICKED_COLOR, 'line-width': 4 } });
    map.on('click', 'rw-fill', (e) => { if (e.features.length) toggle(e.features[0].properties.code); });
    map.on('mouseenter', 'rw-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', 'rw-fill', () => { map.getCanvas().style.cursor = ''; });
    // For the browser tests: where an RW is on the screen.
    window.atlasApp.pilih = { map, pointOf: (code) => labelPoints.has(code) && map.project(labelPoints.get(code)) };

    const canPick = me.role !== 'PLANNER';
    const editable = () => EDITABLE.includes(state.sel ? state.sel.state : null);
    const label = (code) => rwLabel(code, state.names);
    const candidateOf = (code) => state.ranking && state.ranking.candidates.find((c) => c.regionCode === code);
    const periodInput = () => (periods.find((p) => p.value === state.periodKey) || periods[0]).period;

    function paintMap() {
      const candidates = state.ranking ? state.ranking.candidates : [];
      const colors = {};
      candidates.forEach((c) => { colors[c.regionCode] = RANK_COLORS[Math.min(4, Math.floor((c.rank - 1) * 5 / candidates.length))]; });
      colorRws(map, colors);
      map.setFilter('pilih-picked', ['in', ['get', 'code'], ['literal', state.picked]]);
      map.setFilter('pilih-held', ['in', ['get', 'code'], ['literal', [...state.held.keys()]]]);
      const n = candidates.length;
      const classes = RANK_COLORS.map((color, i) => ({ color, from: Math.ceil(i * n / 5) + 1, to: Math.ceil((i + 1) * n / 5) }))
        .filter((c) => c.from <= c.to);
      fill(legend, h('h2', { class: 'sr-only' }, t('pilih.legend')),
        classes.map((c) => h('span', { class: 'legend-item' }, h('span', { class: 'swatch', style: 'background:' + c.color }), t('pilih.legend-rank', c))),
        h('span', { class: 'legend-item' }, h('span', { class: 'swatch swatch-line', style: 'border:3px solid ' + PICKED_COLOR }), t('pilih.legend-picked')),
        h('span', { class: 'legend-item' }, h('span', { class: 'swatch swatch-line', style: 'border:3px dashed ' + HELD_COLOR }), t('pilih.legend-held')),
        h('span', { class: 'legend-item' }, h('span', { class: 'swatch', style: 'background:#d9d9d9' }), t('pilih.legend-none')));
    }

    function toggle(code) {
      if (!canPick || !editable() || !candidateOf(code)) return;
      state.picked = state.picked.includes(code) ? state.picked.filter((c) => c !== code) : [...state.picked, code];
      const box = listBox.querySelector(`input[data-code="${code}"]`);
      if (box) box.checked = state.picked.includes(code);
      renderPicked();
      paintMap();
    }

    // --- ranking controls: area, data period, weights ---
    const weightInputs = new Map();
    function renderControls() {
      const areaOptions = areaCodes.map((code) => ({ value: code, label: areaCodes.length === 1 ? state.areaName : (state.names.get(code) || code) }));
      if (areaCodes.length === 1 && base.kelurahan.features.length > 1) {
        base.kelurahan.features.forEach((f) => areaOptions.push({ value: f.properties.code, label: 'Kel. ' + f.properties.name }));
      }
      const areaSelect = select(areaOptions, state.area, { id: 'pilih-area', onchange: (e) => { state.area = e.target.value; rank(); } });
      const periodSelect = select(periods, state.periodKey, { id: 'pilih-data-period', onchange: (e) => { state.periodKey = e.target.value; rank(); } });
      weightInputs.clear();
      const weightFields = COMPONENTS.map(([key, name]) => {
        const input = h('input', { type: 'number', id: 'pilih-w-' + name, min: 0, max: 1, step: 0.05, inputmode: 'decimal',
          value: state.weights ? String(state.weights[name]) : '' });
        weightInputs.set(name, input);
        return field(t('comp.' + key), input);
      });
      fill(controls,
        h('div', { class: 'row' }, field(t('pilih.area'), areaSelect), field(t('pilih.data-period'), periodSelect)),
        h('details', { id: 'pilih-weights', ontoggle: (e) => { state.weightsOpen = e.target.open; } },
          h('summary', {}, t('pilih.weights')),
          h('p', { class: 'hint' }, t('pilih.weights-hint')),
          h('div', { class: 'weights-grid' }, weightFields),
          h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'primary', id: 'pilih-rerank', onclick: () => {
              const weights = {};
              weightInputs.forEach((input, name) => { weights[name] = input.value === '' ? 0 : Number(input.value); });
              state.weights = weights;
              rank();
            } }, t('pilih.rerank')),
            h('button', { type: 'button', id: 'pilih-reset', onclick: () => { state.weights = null; rank(); } }, t('pilih.reset')))));
    }

    async function rank() {
      if (!periods.length) { status(message, t('pilih.no-data-period')); return; }
      status(message, t('app.loading'));
      listBox.setAttribute('aria-busy', 'true');
      const [candidates, indicators] = await Promise.all([
        gql('pilih', 'PilihCandidates', { regionCode: state.area, period: periodInput(), weights: state.weights }),
        gql('pilih', 'PilihMissingReasons', { regionCode: state.area, period: periodInput() })]);
      const ranking = candidates.targetCandidates;
      state.reasons = new Map(indicators.rwIndicators.rws.map((rw) => [rw.regionCode, new Map(rw.missing.map((m) => [m.field, m.reason]))]));
      state.ranking = ranking;
      state.weights = Object.fromEntries(COMPONENTS.map(([key, name]) => [name, ranking.weights.find((w) => w.key === key).weight]));
      ctx.setParams({ wilayah: state.area, data: state.periodKey, ...(state.sel ? { pilihan: state.sel.id } : {}) });
      status(message, '');
      listBox.removeAttribute('aria-busy');
      renderControls();
      if (state.weightsOpen) controls.querySelector('#pilih-weights').open = true;
      renderList();
      paintMap();
    }

    /** Why a component of a candidate is missing: the indicators' reasons, the access warnings, else what it needs. */
    function whyMissing(candidate, key) {
      const reasons = state.reasons.get(candidate.regionCode) || new Map();
      const fields = (FIELDS[key] || []).filter((f) => reasons.has(f));
      const known = fields.filter((f) => reasons.get(f) !== 'NO_DENOMINATOR');
      if (key === 'KLEOPATRA_CRITERIA' && fields.length) {
        return fields.map((f) => t('reason.field', { field: t('short.' + f), reason: reasons.get(f) === 'NO_DENOMINATOR' ? t('pilih.no-data') : t('reason.' + reasons.get(f)) })).join('; ');
      }
      if (known.length) return t('reason.' + reasons.get(known[0]));
      if (['DISTANCE_TO_PUSKESMAS', 'TRAVEL_TIME_TO_PUSKESMAS'].includes(key)) {
        const warning = candidate.warnings.find((w) => ['NO_WILAYAH_KERJA', 'SEVERAL_WILAYAH_KERJA'].includes(w.code));
        if (warning) return warning.message;
      }
      return t('missing.' + key);
    }

    /** Components with a weight that no candidate has a value for: the ranking silently ignores them otherwise. */
    function notCounted(r) {
      if (!r.candidates.length) return [];
      return r.candidates[0].components.map((k) => k.key).filter((key) => r.candidates.every((c) => {
        const k = c.components.find((x) => x.key === key);
        return k && k.missing && k.weight > 0;
      }));
    }

    // --- the ranked list (same content as the map) ---
    function renderList() {
      const r = state.ranking;
      fill(listBox,
        h('h2', { id: 'pilih-list-title' }, t('pilih.candidates', { n: r.candidates.length }),
          r.synthetic ? h('span', { class: 'badge' }, t('app.synthetic')) : null),
        notCounted(r).length ? h('p', { class: 'status error', id: 'pilih-not-counted', role: 'note' },
          t('pilih.not-counted', { components: notCounted(r).map((k) => t('comp.' + k)).join(', ') })) : null,
        r.warnings.length ? h('details', { class: 'warnings' }, h('summary', {}, t('pilih.warnings')),
          h('ul', {}, r.warnings.map((w) => h('li', {}, w.message)))) : null,
        h('ol', { class: 'candidates' }, r.candidates.map((c) => {
          const name = label(c.regionCode);
          const holders = state.held.get(c.regionCode) || [];
          const box = h('input', { type: 'checkbox', id: 'pick-' + c.regionCode.replace(/\W/g, '-'), dataset: { code: c.regionCode },
            checked: state.picked.includes(c.regionCode), disabled: !canPick || !editable(),
            onchange: () => toggle(c.regionCode) });
          return h('li', { class: 'candidate', dataset: { code: c.regionCode } },
            h('div', { class: 'candidate-head' },
              box,
              h('label', { for: box.id }, h('span', { class: 'rank' }, '#' + c.rank), ' ', h('strong', {}, name)),
              h('span', { class: 'score' }, t('pilih.score', { score: fmtNumber(c.score, 3) }))),
            holders.length ? h('p', { class: 'held' }, holders.map((s) => t('pilih.held', { id: s.id, who: s.createdBy, state: t('state.' + s.state) })).join('; ')) : null,
            h('details', { class: 'breakdown' },
              h('summary', {}, t('pilih.breakdown'), h('span', { class: 'sr-only' }, ' ' + name)),
              c.puskesmas ? h('p', { class: 'hint' }, t('pilih.puskesmas', { name: c.puskesmas.name })) : null,
              h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('pilih.breakdown') + ' ' + name },
              h('table', { class: 'breakdown-table' },
                h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('pilih.component')), h('th', { scope: 'col', class: 'num' }, t('pilih.value')),
                  h('th', { scope: 'col', class: 'num' }, t('pilih.weight')), h('th', { scope: 'col', class: 'num' }, t('pilih.contribution')))),
                h('tbody', {}, c.components.map((k) => h('tr', {},
                  h('th', { scope: 'row' }, t('comp.' + k.key)),
                  k.missing
                    ? h('td', { class: 'num missing' }, t('pilih.no-data'), h('small', { class: 'hint' }, whyMissing(c, k.key)))
                    : h('td', { class: 'num' }, componentValue(k.key, k.value)),
                  h('td', { class: 'num' }, fmtNumber(k.weight, 2)),
                  h('td', { class: 'num' }, k.missing && !k.contribution ? t('pilih.scored-zero') : fmtNumber(k.contribution, 3))))))),
              c.warnings.length ? h('ul', { class: 'hint' }, c.warnings.map((w) => h('li', {}, w.message))) : null));
        })));
    }

    // --- the selection being made or edited ---
    const form = {
      purpose: select(['PUSLING', 'GERAKAN_INTERVENSI'].map((p) => ({ value: p, label: t('purpose.' + p) })), 'PUSLING', { id: 'pilih-purpose' }),
      from: h('input', { type: 'date', id: 'pilih-from' }),
      to: h('input', { type: 'date', id: 'pilih-to' }),
      reason: h('textarea', { id: 'pilih-reason', rows: 3, maxlength: 2000 }),
      note: h('textarea', { id: 'pilih-resubmit-note', rows: 2, maxlength: 2000 }),
    };
    const pickedBox = h('div', { id: 'pilih-picked' });
    [form.purpose, form.from, form.to].forEach((el) => el.addEventListener('change', () => loadHeld()));

    function renderPicked() {
      const can = canPick && editable();
      fill(pickedBox,
        h('h3', {}, t('pilih.picked', { n: state.picked.length })),
        state.picked.length
          ? h('ul', { class: 'picked' }, state.picked.map((code) => h('li', {}, label(code),
            candidateOf(code) ? h('span', { class: 'muted' }, ' (#' + candidateOf(code).rank + ')') : null,
            can ? h('button', { type: 'button', class: 'link', 'aria-label': t('pilih.remove', { name: label(code) }), onclick: () => toggle(code) }, '×') : null)))
          : h('p', { class: 'muted' }, t('pilih.picked-none')));
    }

    function load(selection) {
      state.sel = selection;
      const period = nextMonth();
      state.picked = selection ? [...selection.rwCodes] : [];
      form.purpose.value = selection ? selection.purpose : 'PUSLING';
      form.from.value = selection ? selection.periodFrom : period.from;
      form.to.value = selection ? selection.periodTo : period.to;
      form.reason.value = selection ? selection.reason : '';
      form.note.value = '';
      ctx.setParams({ wilayah: state.area, data: state.periodKey, ...(selection ? { pilihan: selection.id } : {}) });
    }

    function renderEditor() {
      const sel = state.sel;
      const can = canPick && editable();
      [form.purpose, form.from, form.to, form.reason].forEach((el) => { el.disabled = !can; });
      form.purpose.disabled = !can || Boolean(sel); // the purpose is fixed once saved (updateTargetSelection has none)
      renderPicked();
      const actions = [];
      if (can && !sel) actions.push(h('button', { type: 'button', class: 'primary', id: 'pilih-save', onclick: () => run(save) }, t('pilih.save-draft')));
      if (can && sel) actions.push(h('button', { type: 'button', id: 'pilih-save', onclick: () => run(save) }, t('pilih.save')));
      if (can && sel && sel.state === 'DRAFT') actions.push(h('button', { type: 'button', class: 'primary', id: 'pilih-submit', onclick: () => run(submit) }, t('pilih.submit')));
      if (can && sel && sel.state === 'REJECTED') actions.push(h('button', { type: 'button', class: 'primary', id: 'pilih-resubmit', onclick: () => run(resubmit) }, t('pilih.resubmit')));
      if (sel && ['DRAFT', 'SUBMITTED'].includes(sel.state) && sel.createdBy === me.user) {
        actions.push(h('button', { type: 'button', class: 'danger', id: 'pilih-withdraw', onclick: () => run(withdraw) }, t('pilih.withdraw')));
      }
      fill(editor,
        h('div', { class: 'editor-head' },
          h('h2', { id: 'pilih-sel-title', tabindex: -1 }, sel ? t('pilih.selection-id', { id: sel.id }) : t('pilih.selection')),
          sel ? stateBadge(sel.state) : null,
          sel && canPick ? h('button', { type: 'button', class: 'link', id: 'pilih-new', onclick: () => { load(null); renderAll(); } }, t('pilih.new')) : null),
        sel ? h('p', { class: 'muted' }, t('pilih.by', { who: sel.createdBy }) + ' · ' + t('role.' + sel.createdRole)) : null,
        !canPick ? h('p', { class: 'muted' }, t('pilih.cannot-pick')) : null,
        sel && !editable() ? h('p', { class: 'muted', id: 'pilih-readonly' }, t('pilih.readonly', { state: t('state.' + sel.state) })) : null,
        sel && sel.reviewNote ? h('p', { class: 'review-note', id: 'pilih-review-note' }, t('pilih.review-note', { who: sel.reviewedBy, note: sel.reviewNote })) : null,
        field(t('pilih.purpose'), form.purpose),
        h('div', { class: 'row' }, field(t('pilih.period-from'), form.from), field(t('pilih.period-to'), form.to)),
        field(t('pilih.reason'), form.reason, t('pilih.reason-hint')),
        pickedBox,
        sel && sel.state === 'REJECTED' && can ? field(t('pilih.resubmit-note'), form.note) : null,
        h('div', { class: 'actions' }, actions),
        sel && sel.conflicts.length ? h('div', { class: 'conflict-box', role: 'note', id: 'pilih-conflicts' },
          h('h3', {}, t('pilih.conflicts')), conflictList(sel.conflicts, state.names), h('p', { class: 'hint' }, t('pilih.conflicts-hint'))) : null,
        sel ? h('details', { id: 'pilih-history', open: true }, h('summary', {}, t('pilih.history')), historyList(sel)) : null);
    }

    function renderExisting() {
      const shown = state.existing.filter((s) => s.state !== 'WITHDRAWN').slice(0, 10);
      fill(existingBox,
        h('h2', {}, t('pilih.existing', { n: shown.length })),
        shown.length ? h('ul', { class: 'selections' }, shown.map((s) => h('li', { dataset: { id: s.id } },
          h('div', {}, h('strong', {}, '#' + s.id), ' ', stateBadge(s.state), ' ', t('purpose.' + s.purpose)),
          h('div', { class: 'muted' }, fmtDate(s.periodFrom) + ' – ' + fmtDate(s.periodTo) + ' · ' + t('pilih.rws', { n: s.rwCodes.length }) + ' · ' + t('pilih.by', { who: s.createdBy })),
          h('button', { type: 'button', 'aria-label': t('pilih.open') + ' #' + s.id, dataset: { open: s.id }, onclick: () => run(() => open(s.id)) }, t('pilih.open')))))
          : h('p', { class: 'muted' }, t('pilih.existing-none')));
    }

    function renderAll() {
      renderEditor();
      renderList();
      renderExisting();
      paintMap();
    }

    async function loadExisting() {
      const data = await gql('pilih', 'PilihSelections', { filter: { regionCode: areaCodes[0] || kabkota } });
      state.existing = data.targetSelections.edges.map((e) => e.node);
    }

    /** The live selections of the same purpose and an overlapping period that already hold RWs (not this one). */
    async function loadHeld() {
      state.held = new Map();
      if (form.from.value && form.to.value && form.from.value <= form.to.value) {
        const data = await gql('pilih', 'PilihSelections', { filter: { regionCode: state.area, states: LIVE,
          purpose: form.purpose.value, periodFrom: form.from.value, periodTo: form.to.value } });
        data.targetSelections.edges.map((e) => e.node).filter((s) => !state.sel || s.id !== state.sel.id).forEach((s) => s.rwCodes.forEach((code) => {
          state.held.set(code, [...(state.held.get(code) || []), s]);
        }));
      }
      if (state.ranking) { renderList(); paintMap(); }
    }

    async function open(id) {
      const selection = (await gql('pilih', 'PilihSelection', { id })).targetSelection;
      load(selection);
      await loadHeld();
    }

    /** Runs an action with its errors in the status line; buttons stay disabled meanwhile; then the editor's title has the focus. */
    async function run(action) {
      status(message, '');
      const buttons = [...root.querySelectorAll('button')];
      buttons.forEach((b) => { b.disabled = true; });
      try {
        await action();
      } catch (e) {
        status(message, t('app.error', { message: e.message }), 'error');
      }
      renderAll();
      editor.querySelector('h2').focus();
    }

    function validate() {
      if (!state.picked.length) return t('pilih.need-rw');
      if (!form.from.value || !form.to.value) return t('pilih.need-period');
      if (!form.reason.value.trim()) return t('pilih.need-reason');
      return null;
    }

    /** Applies a payload: errors → the status line (false); else the selection is shown (true). */
    async function applied(payload, key) {
      if (payload.errors.length) {
        status(message, errorText(payload.errors), 'error');
        return false;
      }
      load(payload.targetSelection);
      await Promise.all([loadExisting(), loadHeld()]);
      status(message, t(key, { id: payload.targetSelection.id }), 'ok');
      return true;
    }

    /** The fields of the form that differ from the saved selection (UpdateTargetSelectionInput). */
    function changes() {
      const sel = state.sel;
      const input = {};
      if (state.picked.join() !== sel.rwCodes.join()) input.rwCodes = state.picked;
      if (form.reason.value.trim() !== sel.reason) input.reason = form.reason.value.trim();
      if (form.from.value !== sel.periodFrom) input.periodFrom = form.from.value;
      if (form.to.value !== sel.periodTo) input.periodTo = form.to.value;
      return input;
    }

    async function save() {
      const problem = validate();
      if (problem) { status(message, problem, 'error'); return false; }
      if (!state.sel) {
        const payload = (await gql('pilih', 'PilihCreate', { input: { purpose: form.purpose.value, periodFrom: form.from.value,
          periodTo: form.to.value, rwCodes: state.picked, reason: form.reason.value.trim() } })).createTargetSelection;
        return applied(payload, 'pilih.saved');
      }
      const input = changes();
      if (!Object.keys(input).length) { status(message, t('pilih.nothing-changed'), 'ok'); return true; }
      const payload = (await gql('pilih', 'PilihUpdate', { input: { id: state.sel.id, version: state.sel.version, ...input } })).updateTargetSelection;
      return applied(payload, 'pilih.updated');
    }

    async function submit() {
      if (Object.keys(changes()).length && !(await save())) return;
      const payload = (await gql('pilih', 'PilihSubmit', { input: { id: state.sel.id, version: state.sel.version } })).submitTargetSelection;
      await applied(payload, 'pilih.submitted');
    }

    async function resubmit() {
      const note = form.note.value.trim(); // read before saving the correction (which reloads the form)
      if (Object.keys(changes()).length && !(await save())) return;
      const payload = (await gql('pilih', 'PilihResubmit', { input: { id: state.sel.id, version: state.sel.version, ...(note ? { note } : {}) } })).resubmitTargetSelection;
      await applied(payload, 'pilih.resubmitted');
    }

    async function withdraw() {
      const payload = (await gql('pilih', 'PilihWithdraw', { input: { id: state.sel.id, version: state.sel.version } })).withdrawTargetSelection;
      await applied(payload, 'pilih.withdrawn');
    }

    load(null);
    renderEditor();
    renderControls();
    await loadExisting();
    if (ctx.params.get('pilihan')) {
      const selection = (await gql('pilih', 'PilihSelection', { id: ctx.params.get('pilihan') })).targetSelection;
      if (selection) load(selection);
    }
    await loadHeld();
    await rank();
    renderEditor();
    renderExisting();
    await idle(map);
  },
};
