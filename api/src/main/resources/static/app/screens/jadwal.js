// Jadwal RW: when the Pusling and the posyandu come to an RW, readable on a small phone and printable. A kader sees
// the RWs of her posyandu, a lurah those of her kelurahan (with an RW picker); camat, puskesmas and Dinkes pick a
// kelurahan of their scope first. Sources: the published field schedule (outreachSchedule: Pusling visits of
// published plans, posyandu sessions, days off) of this month and the next two, the kader's posyandu
// (Facility.sessions, nextSessions) and the posyandu's addresses. GraphQL: /app/graphql/jadwal.graphql.
import { h, fill, field, select, status } from '../lib/dom.js';
import { t, addMessages, lang, locale, todayInJakarta, fmtClock } from '../lib/i18n.js';
import { gql } from '../lib/api.js';

addMessages({
  id: {
    'jadwal.title': 'Jadwal kunjungan RW',
    'jadwal.intro': 'Kapan Pusling (puskesmas keliling) dan posyandu datang ke RW Anda.',
    'jadwal.kelurahan': 'Kelurahan',
    'jadwal.rw': 'RW',
    'jadwal.all-rws': 'Semua RW ({n})',
    'jadwal.print': 'Cetak jadwal',
    'jadwal.next': 'Kunjungan berikutnya',
    'jadwal.next-pusling': 'Pusling berikutnya',
    'jadwal.next-posyandu': 'Posyandu berikutnya',
    'jadwal.today': 'Hari ini',
    'jadwal.tomorrow': 'Besok',
    'jadwal.pusling': 'Pusling',
    'jadwal.posyandu': 'Posyandu',
    'jadwal.place': 'Tempat',
    'jadwal.time': 'Jam',
    'jadwal.rw-place': '{rw}, Kelurahan {kelurahan} (pos Pusling di RW)',
    'jadwal.team': 'Tim',
    'jadwal.team-size': '{n} orang',
    'jadwal.from-base': 'Berangkat dari {base}',
    'jadwal.for-rws': 'Untuk {rws}',
    'jadwal.cancelled': 'Dibatalkan: {reason}. Pusling tidak datang.',
    'jadwal.completed': 'Sudah selesai',
    'jadwal.day-off': 'Hari libur: {name}. Kunjungan mungkin tidak berlangsung, tanyakan ke kader atau puskesmas.',
    'jadwal.day-off-short': 'hari libur ({name})',
    'jadwal.address': '{street}RT {rt}, {rw}',
    'jadwal.address-no-rt': '{street}{rw}',
    'jadwal.no-pusling-rw': 'Belum ada jadwal Pusling yang diterbitkan untuk RW ini.',
    'jadwal.no-pusling-all': 'Belum ada jadwal Pusling yang diterbitkan untuk RW di kelurahan ini.',
    'jadwal.no-posyandu-rw': 'Belum ada jadwal posyandu untuk RW ini.',
    'jadwal.no-posyandu-all': 'Belum ada jadwal posyandu untuk RW di kelurahan ini.',
    'jadwal.window-note': 'Bulan {from} sampai {to}. Jadwal Pusling muncul setelah puskesmas menerbitkannya.',
    'jadwal.my-posyandu': 'Posyandu Anda',
    'jadwal.every-month': 'Setiap bulan',
    'jadwal.coming-dates': 'Tanggal berikutnya',
    'jadwal.no-sessions': 'Posyandu ini belum punya jadwal rutin.',
    'jadwal.rws-served': 'RW yang dilayani: {rws}',
    'jadwal.no-scope': 'Akun Anda tidak punya wilayah untuk jadwal.',
    'jadwal.printed': 'Dicetak {date}',
    'jadwal.loading': 'Memuat jadwal…',
    'jadwal.count': '{pusling} kunjungan Pusling dan {posyandu} jadwal posyandu',
  },
  en: {
    'jadwal.title': 'RW visit schedule',
    'jadwal.intro': 'When the Pusling (mobile puskesmas) and the posyandu come to your RW.',
    'jadwal.kelurahan': 'Kelurahan',
    'jadwal.rw': 'RW',
    'jadwal.all-rws': 'All RWs ({n})',
    'jadwal.print': 'Print schedule',
    'jadwal.next': 'Next visits',
    'jadwal.next-pusling': 'Next Pusling',
    'jadwal.next-posyandu': 'Next posyandu',
    'jadwal.today': 'Today',
    'jadwal.tomorrow': 'Tomorrow',
    'jadwal.pusling': 'Pusling',
    'jadwal.posyandu': 'Posyandu',
    'jadwal.place': 'Place',
    'jadwal.time': 'Time',
    'jadwal.rw-place': '{rw}, Kelurahan {kelurahan} (Pusling stop in the RW)',
    'jadwal.team': 'Team',
    'jadwal.team-size': '{n} people',
    'jadwal.from-base': 'Coming from {base}',
    'jadwal.for-rws': 'For {rws}',
    'jadwal.cancelled': 'Cancelled: {reason}. The Pusling is not coming.',
    'jadwal.completed': 'Completed',
    'jadwal.day-off': 'Day off: {name}. The visit may not take place; ask the kader or the puskesmas.',
    'jadwal.day-off-short': 'day off ({name})',
    'jadwal.address': '{street}RT {rt}, {rw}',
    'jadwal.address-no-rt': '{street}{rw}',
    'jadwal.no-pusling-rw': 'No Pusling schedule has been published for this RW yet.',
    'jadwal.no-pusling-all': 'No Pusling schedule has been published for the RWs of this kelurahan yet.',
    'jadwal.no-posyandu-rw': 'No posyandu schedule for this RW yet.',
    'jadwal.no-posyandu-all': 'No posyandu schedule for the RWs of this kelurahan yet.',
    'jadwal.window-note': 'Months {from} to {to}. A Pusling schedule appears once the puskesmas publishes it.',
    'jadwal.my-posyandu': 'Your posyandu',
    'jadwal.every-month': 'Every month',
    'jadwal.coming-dates': 'Coming dates',
    'jadwal.no-sessions': 'This posyandu has no regular schedule yet.',
    'jadwal.rws-served': 'RWs served: {rws}',
    'jadwal.no-scope': 'Your account has no area with a schedule.',
    'jadwal.printed': 'Printed {date}',
    'jadwal.loading': 'Loading the schedule…',
    'jadwal.count': '{pusling} Pusling visits and {posyandu} posyandu sessions',
  },
});

/** 'yyyy-MM' of the month `offset` months after the one of date 'yyyy-MM-dd'. */
function monthAfter(date, offset) {
  const [y, m] = date.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.getUTCFullYear() + '-' + String(d.getUTCMonth() + 1).padStart(2, '0');
}

function addDays(date, n) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dateParts(date) {
  const d = new Date(date + 'T00:00:00Z');
  const f = (o) => new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', ...o }).format(d);
  return { day: f({ day: 'numeric' }), month: f({ month: 'short' }), weekday: f({ weekday: 'long' }), full: f({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) };
}

function monthName(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}


/** The kelurahan of the caller's scope, from those of the kab/kota: a scope code covers it, or is an RW inside it. */
function inScope(kelurahanCode, scope) {
  return scope.some((s) => kelurahanCode === s || kelurahanCode.startsWith(s + '.') || s.startsWith(kelurahanCode + '.'));
}

function addressText(address) {
  if (!address) return null;
  const street = address.street ? address.street + ', ' : '';
  const rw = address.rw ? address.rw.name : '';
  if (!street && !rw && address.rt == null) return null;
  return address.rt != null ? t('jadwal.address', { street, rt: String(address.rt).padStart(3, '0'), rw })
    : t('jadwal.address-no-rt', { street, rw });
}

/** The kader's posyandu card: name, address, recurring sessions and RWs served. */
function posyanduCard(facility) {
  const sessions = facility.sessions.length
    ? h('ul', { class: 'jadwal-sessions' }, facility.sessions.map((s) => h('li', {}, lang() === 'en' ? s.description : s.descriptionIndonesian)))
    : h('p', {}, t('jadwal.no-sessions'));
  return h('section', { class: 'card jadwal-posyandu', 'aria-labelledby': 'jadwal-posyandu-title' },
    h('h2', { id: 'jadwal-posyandu-title' }, t('jadwal.my-posyandu'), ': ', facility.name),
    addressText(facility.address) ? h('p', {}, addressText(facility.address) + ', ' + facility.kelurahan.name) : null,
    h('p', { class: 'jadwal-label' }, t('jadwal.every-month')), sessions,
    facility.nextSessions.length ? h('p', { id: 'jadwal-posyandu-next' }, h('span', { class: 'jadwal-label' }, t('jadwal.coming-dates') + ': '),
      facility.nextSessions.map((o) => dateParts(o.date).full + ' ' + fmtClock(o.startTime) + '–' + fmtClock(o.endTime)).join('; ')) : null,
    h('p', { class: 'muted' }, t('jadwal.rws-served', { rws: facility.catchment.filter((c) => c.level === 'RW').map((c) => c.name).join(', ') })));
}

function visitItem(v) {
  const cancelled = v.planStatus === 'CANCELLED';
  const team = [v.teamName, v.vehicleLabel, v.teamSize ? t('jadwal.team-size', { n: v.teamSize }) : null].filter(Boolean).join(' · ');
  return h('li', { class: 'jadwal-item pusling' + (cancelled ? ' cancelled' : ''), dataset: { rw: v.rwCode, plan: v.planId, kind: 'pusling' } },
    h('span', { class: 'jadwal-tag pusling' }, t('jadwal.pusling')),
    h('p', { class: 'jadwal-time' }, h('span', { class: 'sr-only' }, t('jadwal.time') + ': '),
      fmtClock(v.serviceStart) + '–' + fmtClock(v.serviceEnd)),
    h('p', { class: 'jadwal-place' }, h('span', { class: 'sr-only' }, t('jadwal.place') + ': '),
      t('jadwal.rw-place', { rw: v.rwName, kelurahan: v.kelurahanName })),
    h('p', { class: 'muted' }, t('jadwal.team') + ': ' + team + '. ' + t('jadwal.from-base', { base: v.baseName }) + '.'),
    cancelled ? h('p', { class: 'jadwal-warning' }, t('jadwal.cancelled', { reason: v.cancelReason || '–' })) : null,
    v.planStatus === 'COMPLETED' ? h('p', { class: 'muted' }, t('jadwal.completed')) : null);
}

function sessionItem(s, places, rwNames) {
  const place = places.get(s.posyanduId);
  return h('li', { class: 'jadwal-item posyandu', dataset: { posyandu: s.posyanduId, kind: 'posyandu' } },
    h('span', { class: 'jadwal-tag posyandu' }, t('jadwal.posyandu')),
    h('p', { class: 'jadwal-time' }, h('span', { class: 'sr-only' }, t('jadwal.time') + ': '),
      fmtClock(s.startTime) + '–' + fmtClock(s.endTime)),
    h('p', { class: 'jadwal-place' }, h('span', { class: 'sr-only' }, t('jadwal.place') + ': '),
      s.posyanduName, place ? ', ' + place : ''),
    h('p', { class: 'muted' }, t('jadwal.for-rws', { rws: s.rwCodes.map((c) => rwNames.get(c) || c).join(', ') })));
}

function dayCard(day, from) {
  const parts = dateParts(day.date);
  const relative = day.date === from ? t('jadwal.today') : day.date === addDays(from, 1) ? t('jadwal.tomorrow') : null;
  const weekday = lang() === 'en' ? parts.weekday : day.dayName;
  return h('li', { class: 'jadwal-day', dataset: { date: day.date } },
    h('div', { class: 'jadwal-date', 'aria-hidden': 'true' },
      h('span', { class: 'jadwal-dom' }, parts.day), h('span', { class: 'jadwal-mon' }, parts.month),
      h('span', { class: 'jadwal-dow' }, weekday)),
    h('div', { class: 'jadwal-body' },
      h('h3', { class: 'jadwal-heading' }, relative ? h('span', { class: 'jadwal-relative' }, relative + ' · ') : null,
        lang() === 'en' ? parts.full : day.dateText),
      day.dayOff ? h('p', { class: 'jadwal-warning' }, t('jadwal.day-off', { name: day.dayOff.name })) : null,
      h('ul', { class: 'jadwal-items' }, day.items)));
}

/** One line for the soonest visit: "Senin, 11 Januari 2027 · 08.00–10.00 · RW 012" (today/tomorrow said so). */
function soonest(day, from, start, end, where) {
  const relative = day.date === from ? t('jadwal.today') + ', ' : day.date === addDays(from, 1) ? t('jadwal.tomorrow') + ', ' : '';
  const date = lang() === 'en' ? dateParts(day.date).full : day.dateText;
  return h('strong', {}, relative + date + ' · ' + fmtClock(start) + '–' + fmtClock(end) + ' · ' + where
    + (day.dayOff ? ' · ' + t('jadwal.day-off-short', { name: day.dayOff.name }) : ''));
}

async function scheduleOf(region, from) {
  const months = [0, 1, 2].map((i) => monthAfter(from, i));
  const data = await gql('jadwal', 'JadwalSchedule', { region, month0: months[0], month1: months[1], month2: months[2] });
  return { months, days: [data.month0, data.month1, data.month2].flatMap((m) => m.days) };
}

async function placesOf(kelurahan) {
  const data = await gql('jadwal', 'JadwalPosyanduPlaces', { kelurahan });
  return new Map(data.facilities.edges.map(({ node }) => [node.id, addressText(node.address)]));
}

export default {
  id: 'jadwal',
  roles: ['DINKES_ADMIN', 'CAMAT', 'LURAH', 'PUSKESMAS_STAFF', 'KADER'],
  async render(root, ctx) {
    const { me } = ctx;
    const scope = me.scope || [];
    const header = h('div', { class: 'jadwal-header' }, h('h1', {}, t('jadwal.title')), h('p', { class: 'muted' }, t('jadwal.intro')));
    const message = h('p', { class: 'status', hidden: true });
    fill(root, header, message);
    if (!scope.length) { status(message, t('jadwal.no-scope'), 'error'); return; }

    const kelurahanData = await gql('jadwal', 'JadwalKelurahan', { kabkota: scope[0].slice(0, 5) });
    const kelurahan = kelurahanData.regions.edges.map((e) => e.node).filter((k) => inScope(k.code, scope));
    if (!kelurahan.length) { status(message, t('jadwal.no-scope'), 'error'); return; }
    const posyandu = me.role === 'KADER' && me.facilityId ? (await gql('jadwal', 'JadwalPosyandu', { id: me.facilityId })).facility : null;

    const state = {
      kelurahan: kelurahan.some((k) => k.code === ctx.params.get('kelurahan')) ? ctx.params.get('kelurahan') : kelurahan[0].code,
      rw: ctx.params.get('rw') || '',
    };
    const controls = h('div', { class: 'row jadwal-controls no-print' });
    const printLine = h('p', { class: 'print-only' });
    const body = h('div', { class: 'jadwal-list' });
    const announce = h('p', { class: 'sr-only', role: 'status' });
    root.append(controls, printLine, announce, body);
    if (posyandu) root.append(posyanduCard(posyandu));
    let loads = 0;

    async function rwsOf(kel) {
      if (posyandu) return scope.filter((c) => c.startsWith(kel + '.')).map((c) => ({ code: c, name: (posyandu.catchment.find((r) => r.code === c) || {}).name || c }));
      return (await gql('jadwal', 'JadwalRws', { kelurahan: kel })).regions.edges.map((e) => e.node);
    }

    let rws = [];
    /** The RWs of the kelurahan and the pickers (rebuilt only when the kelurahan changes: focus stays on a picker). */
    async function loadRws() {
      rws = await rwsOf(state.kelurahan);
      if (!rws.some((r) => r.code === state.rw)) state.rw = rws.length === 1 ? rws[0].code : '';
      const kelSelect = select(kelurahan.map((k) => ({ value: k.code, label: k.name })), state.kelurahan, { id: 'jadwal-kelurahan' });
      kelSelect.addEventListener('change', () => { state.kelurahan = kelSelect.value; state.rw = ''; changed(true); });
      const rwSelect = select([{ value: '', label: t('jadwal.all-rws', { n: rws.length }) }, ...rws.map((r) => ({ value: r.code, label: r.name }))],
        state.rw, { id: 'jadwal-rw' });
      rwSelect.addEventListener('change', () => { state.rw = rwSelect.value; changed(false); });
      fill(controls,
        kelurahan.length > 1 ? field(t('jadwal.kelurahan'), kelSelect) : null,
        rws.length > 1 ? field(t('jadwal.rw'), rwSelect) : null,
        h('div', { class: 'jadwal-print' }, h('button', { type: 'button', id: 'jadwal-print', onclick: () => window.print() }, t('jadwal.print'))));
    }

    async function load() {
      const n = ++loads;
      root.dataset.ready = 'false';
      fill(body, h('p', { class: 'muted' }, t('jadwal.loading')));
      const from = todayInJakarta();
      const [schedule, places] = await Promise.all([scheduleOf(state.kelurahan, from), placesOf(state.kelurahan)]);
      if (n !== loads) return;
      const rwNames = new Map(rws.map((r) => [r.code, r.name]));
      const wanted = (code) => !state.rw || code === state.rw;
      let puslingCount = 0;
      let posyanduCount = 0;
      const days = [];
      let nextPusling = null;
      let nextPosyandu = null;
      for (const day of schedule.days) {
        if (day.date < from) continue;
        const visits = day.puslingVisits.filter((v) => wanted(v.rwCode));
        const sessions = day.posyanduSessions.filter((s) => s.rwCodes.some(wanted));
        if (!visits.length && !sessions.length) continue;
        puslingCount += visits.filter((v) => v.planStatus !== 'CANCELLED').length;
        posyanduCount += sessions.length;
        const going = visits.find((v) => v.planStatus !== 'CANCELLED');
        if (!nextPusling && going) nextPusling = { day, v: going };
        if (!nextPosyandu && sessions.length) nextPosyandu = { day, s: sessions[0] };
        const items = [...visits.map(visitItem), ...sessions.map((s) => sessionItem(s, places, rwNames))];
        days.push(dayCard({ ...day, items }, from));
      }
      const kel = kelurahan.find((k) => k.code === state.kelurahan);
      const where = (state.rw ? rwNames.get(state.rw) + ', ' : '') + t('jadwal.kelurahan') + ' ' + kel.name;
      const months = t('jadwal.window-note', { from: monthName(schedule.months[0]), to: monthName(schedule.months[2]) });
      fill(printLine, t('jadwal.title') + ' · ' + where + ' · ' + t('jadwal.printed', { date: dateParts(from).full }));
      fill(body,
        h('h2', { id: 'jadwal-next' }, t('jadwal.next'), ': ', where),
        h('div', { class: 'jadwal-summary' },
          nextPusling ? h('p', { class: 'jadwal-soonest', id: 'jadwal-next-pusling' }, h('span', { class: 'jadwal-tag pusling' }, t('jadwal.next-pusling')), ' ',
            soonest(nextPusling.day, from, nextPusling.v.serviceStart, nextPusling.v.serviceEnd, nextPusling.v.rwName))
            : h('p', { class: 'jadwal-empty', id: 'jadwal-no-pusling', role: 'status' }, t(state.rw ? 'jadwal.no-pusling-rw' : 'jadwal.no-pusling-all')),
          nextPosyandu ? h('p', { class: 'jadwal-soonest', id: 'jadwal-next-posyandu' }, h('span', { class: 'jadwal-tag posyandu' }, t('jadwal.next-posyandu')), ' ',
            soonest(nextPosyandu.day, from, nextPosyandu.s.startTime, nextPosyandu.s.endTime, nextPosyandu.s.posyanduName))
            : h('p', { class: 'jadwal-empty', id: 'jadwal-no-posyandu' }, t(state.rw ? 'jadwal.no-posyandu-rw' : 'jadwal.no-posyandu-all'))),
        days.length ? h('ol', { class: 'jadwal-days', 'aria-labelledby': 'jadwal-next' }, days) : null,
        h('p', { class: 'muted jadwal-count' }, t('jadwal.count', { pusling: puslingCount, posyandu: posyanduCount })),
        h('p', { class: 'muted' }, months));
      announce.textContent = where + ': ' + t('jadwal.count', { pusling: puslingCount, posyandu: posyanduCount });
      root.dataset.ready = 'true';
      root.dataset.rw = state.rw;
      root.dataset.kelurahan = state.kelurahan;
    }

    function changed(kelurahanChanged) {
      const params = {};
      if (kelurahan.length > 1) params.kelurahan = state.kelurahan;
      if (state.rw) params.rw = state.rw;
      ctx.setParams(params);
      (kelurahanChanged ? loadRws().then(load) : load()).catch((e) => status(message, t('app.error', { message: e.message }), 'error'));
    }

    await loadRws();
    await load();
  },
};
