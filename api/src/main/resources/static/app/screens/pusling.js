// Pusling (puskesmas staff, and the Dinkes for any base of its kota): plan a month of Pusling trips from APPROVED
// target selections, follow the solve job, see the routes on the map day by day with the day's stops and times,
// publish, print the schedule, record the visits done and see planned vs done. Three states in the URL: #/pusling
// (plans + new plan; the Dinkes adds ?base=<facility>), #/pusling?job=<id> (the solve job, polled) and
// #/pusling?plan=<id>&day=<yyyy-MM-dd> (one plan, one day). GraphQL: /app/graphql/pusling.graphql.
import { h, fill, field, status, select } from '../lib/dom.js';
import { t, addMessages, locale, todayInJakarta, fmtClock, fmtNumber, fmtPercent, fmtDate, fmtMonth } from '../lib/i18n.js';
import { gql, openReport, download } from '../lib/api.js';
import { createMap, addBoundaries, boundsOf, idle, colorRws } from '../lib/map.js';

addMessages({
  id: {
    'pusling.title': 'Pusling',
    'pusling.intro': 'Rencanakan kunjungan Pusling sebulan dari RW sasaran yang disetujui, terbitkan jadwalnya, lalu catat kunjungan yang sudah dilakukan.',
    'pusling.no-base': 'Layar ini untuk petugas puskesmas dan Dinkes: akun Anda tidak terhubung ke puskesmas.',
    'pusling.base-pick': 'Basis Pusling',
    'pusling.base-pick-hint': 'Puskesmas, klinik mitra atau rumah sakit di kota Anda yang menjalankan Pusling.',
    'pusling.no-bases': 'Belum ada fasilitas di wilayah Anda yang menjalankan Pusling.',
    'pusling.units': 'Tim Pusling: {units}',
    'pusling.no-units': 'Puskesmas ini belum punya unit Pusling aktif, jadi belum bisa membuat rencana.',
    'pusling.plans': 'Rencana Pusling',
    'pusling.plans-none': 'Belum ada rencana.',
    'pusling.plans-more': 'Tampilkan lebih banyak',
    'pusling.new': 'Rencana baru',
    'pusling.selections': 'RW sasaran yang disetujui',
    'pusling.selections-none': 'Belum ada pilihan RW sasaran Pusling yang disetujui untuk bulan ini atau sesudahnya. Lurah atau camat mengusulkan di "Pilih RW"; Dinkes atau puskesmas menyetujui di "Tinjau".',
    'pusling.selection-label': 'Usulan #{id}: {rws} RW, {from}–{to}, oleh {by}',
    'pusling.selection-reason': 'Alasan: {reason}',
    'pusling.month': 'Bulan',
    'pusling.month-none': 'Tidak ada bulan yang bisa direncanakan: periode usulan yang dipilih sudah lewat atau tidak beririsan.',
    'pusling.name': 'Nama rencana',
    'pusling.name-default': 'Pusling {base} {month}',
    'pusling.vehicles': 'Jumlah tim per hari',
    'pusling.start': 'Berangkat dari puskesmas',
    'pusling.end': 'Kembali paling lambat',
    'pusling.service-minutes': 'Lama layanan per RW (menit)',
    'pusling.mode': 'Kendaraan di jalan',
    'pusling.mode.MOTORBIKE': 'Sepeda motor', 'pusling.mode.CAR': 'Mobil', 'pusling.mode.WALK': 'Jalan kaki',
    'pusling.spread': 'Sebar RW ke minggu-minggu dalam bulan',
    'pusling.align': 'Datang pada minggu jadwal posyandu RW',
    'pusling.plan': 'Hitung rencana',
    'pusling.plan-hint': 'Perhitungan rute berjalan di server; biasanya selesai dalam beberapa detik.',
    'pusling.pick-selection': 'Pilih minimal satu usulan RW sasaran.',
    'pusling.refused': 'Rencana tidak dapat dihitung:',
    'pusling.job.title': 'Menghitung rencana',
    'pusling.job.QUEUED': 'Menunggu giliran di server…',
    'pusling.job.RUNNING': 'Sedang menghitung rute… ({seconds} detik)',
    'pusling.job.SUCCEEDED': 'Selesai dihitung dalam {seconds} detik.',
    'pusling.job.FAILED': 'Rencana gagal dihitung: {message}',
    'pusling.job.progress': 'Kemajuan perhitungan',
    'pusling.job.step.queued': 'Diterima',
    'pusling.job.step.running': 'Dihitung',
    'pusling.job.step.done': 'Selesai',
    'pusling.job.open': 'Lihat rute dan jadwal',
    'pusling.job.again': 'Ubah dan hitung lagi',
    'pusling.job.missing': 'Perhitungan ini tidak ditemukan.',
    'pusling.back': '← Semua rencana',
    'pusling.status.DRAFT': 'Draf', 'pusling.status.PUBLISHED': 'Terbit', 'pusling.status.COMPLETED': 'Selesai',
    'pusling.status.CANCELLED': 'Dibatalkan',
    'pusling.status-help.DRAFT': 'Draf: belum terlihat oleh lurah, camat dan kader. Terbitkan bila sudah sesuai.',
    'pusling.status-help.PUBLISHED': 'Terbit: jadwal resmi bulan ini, terlihat oleh lurah, camat dan kader.',
    'pusling.status-help.COMPLETED': 'Selesai: kunjungan bulan ini sudah selesai.',
    'pusling.status-help.CANCELLED': 'Dibatalkan: {reason}',
    'pusling.plan-missing': 'Rencana ini tidak ditemukan (atau tidak mengunjungi RW di wilayah Anda).',
    'pusling.summary': 'Ringkasan',
    'pusling.served': 'RW dikunjungi', 'pusling.unserved': 'RW tidak masuk rute', 'pusling.days': 'Hari kunjungan',
    'pusling.distance': 'Jarak total', 'pusling.duration': 'Waktu total', 'pusling.month-of': 'Bulan',
    'pusling.estimates': 'Ruas jarak perkiraan',
    'pusling.notes': 'Catatan perencanaan',
    'pusling.note.DAYS_OFF_SKIPPED': 'Hari libur tidak dipakai sebagai hari kunjungan.',
    'pusling.note.POSYANDU_WEEK_UNKNOWN': 'Sebagian RW tidak punya jadwal posyandu; RW itu disebar ke minggu lain.',
    'pusling.note.SPREAD_RELAXED': 'RW tidak muat dibagi rata per minggu; RW direncanakan pada hari mana saja.',
    'pusling.note.SELECTION_PERIOD': 'Hanya hari di dalam periode usulan RW sasaran yang dipakai.',
    'pusling.note.BASE_ALREADY_HAS_PUBLISHED_PLAN': 'Puskesmas ini sudah punya rencana terbit untuk bulan ini: batalkan dulu rencana itu sebelum menerbitkan yang ini.',
    'pusling.note.VISIT_ON_DAY_OFF': 'Ada kunjungan yang jatuh pada hari libur yang ditetapkan kemudian.',
    'pusling.warnings': 'Perhatian',
    'pusling.warning.APPROXIMATE_FACILITY_LOCATION': 'Titik lokasi puskesmas masih perkiraan; jarak dan waktu ikut perkiraan.',
    'pusling.warning.NO_WILAYAH_KERJA': 'Ada RW tanpa puskesmas penanggung jawab.',
    'pusling.warning.SEVERAL_WILAYAH_KERJA': 'Ada RW dengan lebih dari satu puskesmas penanggung jawab.',
    'pusling.warning.ROAD_ESTIMATE': 'Sebagian jarak diperkirakan (tidak lewat jaringan jalan).',
    'pusling.warning.NETWORK_QUALITY_LOW': 'Data jaringan jalan kurang lengkap; waktu tempuh perkiraan.',
    'pusling.warning.OUTSIDE_BASE_WILAYAH_KERJA': 'Ada RW di luar wilayah kerja puskesmas.',
    'pusling.unserved-list': 'RW yang tidak masuk rute',
    'pusling.unserved.NO_LOCATION': 'RW belum punya titik lokasi.',
    'pusling.unserved.BEYOND_WORKDAY': 'Terlalu jauh untuk jam kerja sehari.',
    'pusling.unserved.NO_CAPACITY': 'Hari dan tim bulan ini tidak cukup.',
    'pusling.publish': 'Terbitkan jadwal',
    'pusling.published': 'Jadwal diterbitkan. Lurah, camat dan kader kini melihatnya.',
    'pusling.conflict': 'Bulan {month} sudah punya rencana {status}: "{name}". Batalkan rencana itu dulu bila rencana ini menggantikannya.',
    'pusling.conflict-open': 'Buka "{name}"',
    'pusling.cancel': 'Batalkan rencana',
    'pusling.cancel-reason': 'Alasan pembatalan',
    'pusling.cancel-hint': 'Alasan ini terlihat oleh lurah, camat dan kader bila jadwal sudah terbit.',
    'pusling.cancel-confirm': 'Ya, batalkan rencana',
    'pusling.cancel-need-reason': 'Tulis alasan pembatalan.',
    'pusling.cancelled': 'Rencana dibatalkan.',
    'pusling.print': 'Cetak jadwal',
    'pusling.pdf': 'Unduh PDF',
    'pusling.print-hint': 'Jadwal cetak berbahasa Indonesia dibuka di tab baru.',
    'pusling.day': 'Hari',
    'pusling.day-prev': 'Hari sebelumnya', 'pusling.day-next': 'Hari berikutnya',
    'pusling.day-option': '{date}: {rws} RW',
    'pusling.no-routes': 'Rencana ini tidak punya rute.',
    'pusling.team': 'Tim {n}',
    'pusling.team-detail': '{name}, {vehicle}, {size} orang',
    'pusling.vehicle.MOBIL_PUSLING': 'Mobil Pusling', 'pusling.vehicle.AMBULANS': 'Ambulans', 'pusling.vehicle.MOTOR': 'Sepeda motor',
    'pusling.route-line': 'Berangkat {departure} dari {base}, kembali {back}. {distance}, {duration} di jalan.',
    'pusling.stop-times': 'Tiba {arrival}, layanan {start}–{end}',
    'pusling.stop-wait': 'menunggu {minutes} menit',
    'pusling.stop-leg': '{distance} dari titik sebelumnya',
    'pusling.estimate': 'perkiraan',
    'pusling.return': 'Kembali ke {base}: tiba {time} ({distance})',
    'pusling.map': 'Peta rute Pusling hari {date}; daftar kunjungan ada di samping peta',
    'pusling.map-legend': 'Garis: rute tiap tim. Angka: urutan kunjungan. P: puskesmas.',
    'pusling.visits': 'Catat kunjungan',
    'pusling.visits-draft': 'Kunjungan dicatat setelah rencana diterbitkan.',
    'pusling.visits-future': 'Kunjungan dicatat setelah terjadi: rencana ini untuk {month}.',
    'pusling.visits-cancelled': 'Rencana dibatalkan: tidak ada kunjungan yang dicatat.',
    'pusling.visit-rw': 'RW yang dikunjungi',
    'pusling.visit-rw-option': '{rw}, {kelurahan} (rencana {date})',
    'pusling.visit-done': 'sudah dicatat',
    'pusling.visit-date': 'Tanggal kunjungan',
    'pusling.visit-team': 'Tim',
    'pusling.visit-members': 'Jumlah petugas',
    'pusling.visit-people': 'Orang dilayani per kelompok',
    'pusling.visit-services': 'Layanan yang diberikan',
    'pusling.visit-services-count': '{n} dipilih',
    'pusling.visit-referrals': 'Jumlah dirujuk',
    'pusling.visit-notes': 'Catatan',
    'pusling.visit-notes-hint': 'Jangan menulis nama atau NIK warga.',
    'pusling.visit-save': 'Simpan kunjungan',
    'pusling.visit-update': 'Perbarui kunjungan',
    'pusling.visit-saved': 'Kunjungan {rw} tersimpan ({people} orang dilayani).',
    'pusling.visit-corrected': 'Kunjungan {rw} diperbarui.',
    'pusling.visits-recorded': 'Kunjungan tercatat',
    'pusling.visit-line': '{date}: {rw}, {kelurahan} · {people} orang · {team}',
    'pusling.realisation': 'Realisasi {month}',
    'pusling.realisation-scope': 'Angka di wilayah kerja Anda.',
    'pusling.realisation-done': 'Kunjungan terlaksana',
    'pusling.realisation-done-value': '{done} dari {planned} ({ratio})',
    'pusling.realisation-none': 'belum ada kunjungan terencana',
    'pusling.realisation-unplanned': 'Kunjungan di luar rencana',
    'pusling.realisation-people': 'Orang dilayani',
    'pusling.realisation-plan': 'RW rencana ini',
    'pusling.col.rw': 'RW', 'pusling.col.planned': 'Rencana', 'pusling.col.visited': 'Dikunjungi', 'pusling.col.people': 'Orang',
    'pusling.not-yet': 'belum',
    'pusling.segment.IBU_HAMIL': 'Ibu hamil', 'pusling.segment.IBU_BERSALIN': 'Ibu bersalin', 'pusling.segment.IBU_NIFAS': 'Ibu nifas',
    'pusling.segment.NEONATUS': 'Neonatus', 'pusling.segment.BAYI': 'Bayi', 'pusling.segment.BALITA': 'Balita',
    'pusling.segment.PRASEKOLAH': 'Anak prasekolah', 'pusling.segment.USIA_SEKOLAH': 'Usia sekolah', 'pusling.segment.REMAJA': 'Remaja',
    'pusling.segment.DEWASA': 'Dewasa', 'pusling.segment.LANSIA': 'Lansia',
    'pusling.synthetic': 'Unit Pusling contoh (sintetis)',
    'pusling.hours': '{h} j {m} mnt',
    'pusling.minutes': '{m} mnt',
  },
  en: {
    'pusling.title': 'Pusling',
    'pusling.intro': 'Plan a month of Pusling visits from approved target RWs, publish the schedule, then record the visits done.',
    'pusling.no-base': 'This screen is for puskesmas staff and the health office: your account is not linked to a puskesmas.',
    'pusling.base-pick': 'Pusling base',
    'pusling.base-pick-hint': 'A puskesmas, partner clinic or hospital of your city that runs Pusling.',
    'pusling.no-bases': 'No facility of your area runs Pusling yet.',
    'pusling.units': 'Pusling teams: {units}',
    'pusling.no-units': 'This puskesmas has no active Pusling unit yet, so it cannot plan.',
    'pusling.plans': 'Pusling plans',
    'pusling.plans-none': 'No plans yet.',
    'pusling.plans-more': 'Show more',
    'pusling.new': 'New plan',
    'pusling.selections': 'Approved target RWs',
    'pusling.selections-none': 'No approved Pusling target selection for this month or later. A lurah or camat proposes in "Pick RWs"; the health office or puskesmas approves in "Review".',
    'pusling.selection-label': 'Proposal #{id}: {rws} RWs, {from}–{to}, by {by}',
    'pusling.selection-reason': 'Reason: {reason}',
    'pusling.month': 'Month',
    'pusling.month-none': 'No month can be planned: the periods of the chosen proposals are over or do not overlap.',
    'pusling.name': 'Plan name',
    'pusling.name-default': 'Pusling {base} {month}',
    'pusling.vehicles': 'Teams per day',
    'pusling.start': 'Leave the puskesmas at',
    'pusling.end': 'Back by',
    'pusling.service-minutes': 'Service time per RW (minutes)',
    'pusling.mode': 'Travel by',
    'pusling.mode.MOTORBIKE': 'Motorbike', 'pusling.mode.CAR': 'Car', 'pusling.mode.WALK': 'On foot',
    'pusling.spread': 'Spread the RWs over the weeks of the month',
    'pusling.align': 'Come in the week of the RW\'s posyandu session',
    'pusling.plan': 'Compute the plan',
    'pusling.plan-hint': 'The routes are computed on the server; this usually takes a few seconds.',
    'pusling.pick-selection': 'Choose at least one target proposal.',
    'pusling.refused': 'The plan cannot be computed:',
    'pusling.job.title': 'Computing the plan',
    'pusling.job.QUEUED': 'Waiting for the server…',
    'pusling.job.RUNNING': 'Computing the routes… ({seconds} s)',
    'pusling.job.SUCCEEDED': 'Computed in {seconds} s.',
    'pusling.job.FAILED': 'The plan could not be computed: {message}',
    'pusling.job.progress': 'Progress of the computation',
    'pusling.job.step.queued': 'Accepted',
    'pusling.job.step.running': 'Computing',
    'pusling.job.step.done': 'Done',
    'pusling.job.open': 'See the routes and schedule',
    'pusling.job.again': 'Change and compute again',
    'pusling.job.missing': 'This computation was not found.',
    'pusling.back': '← All plans',
    'pusling.status.DRAFT': 'Draft', 'pusling.status.PUBLISHED': 'Published', 'pusling.status.COMPLETED': 'Completed',
    'pusling.status.CANCELLED': 'Cancelled',
    'pusling.status-help.DRAFT': 'Draft: not yet seen by lurah, camat and kader. Publish it when it is right.',
    'pusling.status-help.PUBLISHED': 'Published: the official schedule of the month, seen by lurah, camat and kader.',
    'pusling.status-help.COMPLETED': 'Completed: the month\'s visits are done.',
    'pusling.status-help.CANCELLED': 'Cancelled: {reason}',
    'pusling.plan-missing': 'This plan was not found (or visits no RW of your area).',
    'pusling.summary': 'Summary',
    'pusling.served': 'RWs visited', 'pusling.unserved': 'RWs left out', 'pusling.days': 'Visit days',
    'pusling.distance': 'Total distance', 'pusling.duration': 'Total time', 'pusling.month-of': 'Month',
    'pusling.estimates': 'Estimated legs',
    'pusling.notes': 'Planning notes',
    'pusling.note.DAYS_OFF_SKIPPED': 'Days off were not used as visit days.',
    'pusling.note.POSYANDU_WEEK_UNKNOWN': 'Some RWs have no posyandu session; they were spread over other weeks.',
    'pusling.note.SPREAD_RELAXED': 'The RWs did not fit an even spread over the weeks; they were planned on any day.',
    'pusling.note.SELECTION_PERIOD': 'Only days inside the period of the target proposals were used.',
    'pusling.note.BASE_ALREADY_HAS_PUBLISHED_PLAN': 'This puskesmas already has a published plan for the month: cancel it before publishing this one.',
    'pusling.note.VISIT_ON_DAY_OFF': 'A visit falls on a day off declared since.',
    'pusling.warnings': 'Please note',
    'pusling.warning.APPROXIMATE_FACILITY_LOCATION': 'The puskesmas point is approximate; so are distances and times.',
    'pusling.warning.NO_WILAYAH_KERJA': 'Some RWs have no responsible puskesmas.',
    'pusling.warning.SEVERAL_WILAYAH_KERJA': 'Some RWs have more than one responsible puskesmas.',
    'pusling.warning.ROAD_ESTIMATE': 'Some distances are estimates (not along the road network).',
    'pusling.warning.NETWORK_QUALITY_LOW': 'The road network data is incomplete; travel times are estimates.',
    'pusling.warning.OUTSIDE_BASE_WILAYAH_KERJA': 'Some RWs lie outside the puskesmas\'s area.',
    'pusling.unserved-list': 'RWs left out of the routes',
    'pusling.unserved.NO_LOCATION': 'The RW has no location point yet.',
    'pusling.unserved.BEYOND_WORKDAY': 'Too far for one working day.',
    'pusling.unserved.NO_CAPACITY': 'Not enough days and teams this month.',
    'pusling.publish': 'Publish the schedule',
    'pusling.published': 'Schedule published. Lurah, camat and kader now see it.',
    'pusling.conflict': '{month} already has a {status} plan: "{name}". Cancel that plan first if this one replaces it.',
    'pusling.conflict-open': 'Open "{name}"',
    'pusling.cancel': 'Cancel the plan',
    'pusling.cancel-reason': 'Reason for cancelling',
    'pusling.cancel-hint': 'Lurah, camat and kader see this reason when the schedule was published.',
    'pusling.cancel-confirm': 'Yes, cancel the plan',
    'pusling.cancel-need-reason': 'Write the reason for cancelling.',
    'pusling.cancelled': 'The plan was cancelled.',
    'pusling.print': 'Print the schedule',
    'pusling.pdf': 'Download PDF',
    'pusling.print-hint': 'The printable Indonesian schedule opens in a new tab.',
    'pusling.day': 'Day',
    'pusling.day-prev': 'Previous day', 'pusling.day-next': 'Next day',
    'pusling.day-option': '{date}: {rws} RWs',
    'pusling.no-routes': 'This plan has no routes.',
    'pusling.team': 'Team {n}',
    'pusling.team-detail': '{name}, {vehicle}, {size} people',
    'pusling.vehicle.MOBIL_PUSLING': 'Pusling car', 'pusling.vehicle.AMBULANS': 'Ambulance', 'pusling.vehicle.MOTOR': 'Motorbike',
    'pusling.route-line': 'Leaves {base} at {departure}, back at {back}. {distance}, {duration} on the road.',
    'pusling.stop-times': 'Arrives {arrival}, service {start}–{end}',
    'pusling.stop-wait': 'waits {minutes} min',
    'pusling.stop-leg': '{distance} from the previous point',
    'pusling.estimate': 'estimate',
    'pusling.return': 'Back at {base}: {time} ({distance})',
    'pusling.map': 'Map of the Pusling routes on {date}; the list of visits is beside the map',
    'pusling.map-legend': 'Lines: each team\'s route. Numbers: order of the visits. P: puskesmas.',
    'pusling.visits': 'Record a visit',
    'pusling.visits-draft': 'Visits are recorded once the plan is published.',
    'pusling.visits-future': 'Visits are recorded once they happened: this plan is for {month}.',
    'pusling.visits-cancelled': 'The plan was cancelled: no visits are recorded.',
    'pusling.visit-rw': 'RW visited',
    'pusling.visit-rw-option': '{rw}, {kelurahan} (planned {date})',
    'pusling.visit-done': 'recorded',
    'pusling.visit-date': 'Date of the visit',
    'pusling.visit-team': 'Team',
    'pusling.visit-members': 'Team members',
    'pusling.visit-people': 'People served per group',
    'pusling.visit-services': 'Services given',
    'pusling.visit-services-count': '{n} chosen',
    'pusling.visit-referrals': 'People referred',
    'pusling.visit-notes': 'Notes',
    'pusling.visit-notes-hint': 'Never write a resident\'s name or NIK.',
    'pusling.visit-save': 'Save the visit',
    'pusling.visit-update': 'Update the visit',
    'pusling.visit-saved': 'Visit of {rw} saved ({people} people served).',
    'pusling.visit-corrected': 'Visit of {rw} updated.',
    'pusling.visits-recorded': 'Visits recorded',
    'pusling.visit-line': '{date}: {rw}, {kelurahan} · {people} people · {team}',
    'pusling.realisation': 'Done in {month}',
    'pusling.realisation-scope': 'Figures inside your area.',
    'pusling.realisation-done': 'Visits done',
    'pusling.realisation-done-value': '{done} of {planned} ({ratio})',
    'pusling.realisation-none': 'no planned visit yet',
    'pusling.realisation-unplanned': 'Unplanned visits',
    'pusling.realisation-people': 'People served',
    'pusling.realisation-plan': 'RWs of this plan',
    'pusling.col.rw': 'RW', 'pusling.col.planned': 'Planned', 'pusling.col.visited': 'Visited', 'pusling.col.people': 'People',
    'pusling.not-yet': 'not yet',
    'pusling.segment.IBU_HAMIL': 'Pregnant women', 'pusling.segment.IBU_BERSALIN': 'Women giving birth', 'pusling.segment.IBU_NIFAS': 'Postpartum women',
    'pusling.segment.NEONATUS': 'Newborns', 'pusling.segment.BAYI': 'Infants', 'pusling.segment.BALITA': 'Under-fives',
    'pusling.segment.PRASEKOLAH': 'Pre-school children', 'pusling.segment.USIA_SEKOLAH': 'School-age children', 'pusling.segment.REMAJA': 'Adolescents',
    'pusling.segment.DEWASA': 'Adults', 'pusling.segment.LANSIA': 'Elderly',
    'pusling.synthetic': 'Demo Pusling units (synthetic)',
    'pusling.hours': '{h} h {m} min',
    'pusling.minutes': '{m} min',
  },
});

const SEGMENTS = ['IBU_HAMIL', 'IBU_BERSALIN', 'IBU_NIFAS', 'NEONATUS', 'BAYI', 'BALITA', 'PRASEKOLAH', 'USIA_SEKOLAH',
  'REMAJA', 'DEWASA', 'LANSIA'];
const TEAM_COLORS = ['#0b5e7e', '#b44f00', '#6a3d9a', '#0b6b3a', '#a61b1b', '#5c4b00'];
const POLL_MILLIS = 1000;

// ---- small formatters ------------------------------------------------------------------------------------------



/** An ISO instant as the local clock time with seconds, e.g. '22.56.03'. */
function clock(instant) {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(instant));
}

/** '2026-12-08' → '8 Des' / '8 Dec' (inside a month already named). */
function dayMonth(date) {
  if (!date) return '–';
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short' }).format(new Date(date + 'T00:00:00'));
}

function fmtKm(meters) {
  return fmtNumber(meters / 1000, 1) + ' km';
}

function fmtDuration(seconds) {
  const minutes = Math.round(seconds / 60);
  return minutes >= 60 ? t('pusling.hours', { h: Math.floor(minutes / 60), m: minutes % 60 }) : t('pusling.minutes', { m: minutes });
}

function monthLabel(yearMonth) {
  const [y, m] = yearMonth.split('-').map(Number);
  return fmtMonth(y, m);
}

function statusBadge(planStatus) {
  return h('span', { class: 'pusling-status pusling-status-' + planStatus.toLowerCase(), dataset: { status: planStatus } },
    t('pusling.status.' + planStatus));
}

/** The months yyyy-MM from `from` to `to` (dates), current month on. */
function monthsBetween(from, to) {
  const months = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const last = to.slice(0, 7);
  for (let i = 0; i < 24; i++) {
    const key = y + '-' + String(m).padStart(2, '0');
    if (key > last) break;
    months.push(key);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return months;
}

/** True when the month still has a Monday–Friday after today (today's working day has usually begun). */
function monthHasWeekdayLeft(yearMonth) {
  const now = todayInJakarta();
  const [y, m] = yearMonth.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = 1; d <= days; d++) {
    const date = yearMonth + '-' + String(d).padStart(2, '0');
    const weekday = new Date(date + 'T00:00:00Z').getUTCDay();
    if (date > now && weekday >= 1 && weekday <= 5) return true;
  }
  return false;
}

/** The message of key, or fallback when there is none (a code the API added since). */
function known(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

/** Appends children to el as h() does: arrays flattened, null/false left out. */
function add(el, ...children) {
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

function errorList(errors) {
  return h('ul', { class: 'pusling-errors' }, errors.map((e) => h('li', {}, e.message + (e.field && e.field.length ? ' (' + e.field.join('.') + ')' : ''))));
}

// ---- state 1: plans and the new-plan form --------------------------------------------------------------------

/** The plans of a base: #/pusling for its staff, #/pusling?base=<id> for the Dinkes (who chooses the base). */
function homeOf(ctx, baseId) {
  return ctx.me.facilityId || !baseId ? '#/pusling' : '#/pusling?base=' + encodeURIComponent(baseId);
}

async function renderHome(root, ctx, base, picker) {
  const message = h('p', { class: 'status', hidden: true });
  const plansBox = h('div', { id: 'pusling-plans' });
  const formBox = h('div', { id: 'pusling-new' });
  fill(root,
    h('h1', {}, t('pusling.title')),
    h('p', { class: 'muted' }, t('pusling.intro')),
    picker,
    baseLine(base),
    message,
    h('div', { class: 'pusling-home' },
      h('section', { class: 'card', 'aria-labelledby': 'pusling-new-title' }, h('h2', { id: 'pusling-new-title' }, t('pusling.new')), formBox),
      h('section', { class: 'card', 'aria-labelledby': 'pusling-plans-title' }, h('h2', { id: 'pusling-plans-title' }, t('pusling.plans')), plansBox)));
  await Promise.all([renderPlanList(plansBox, base), renderForm(formBox, ctx, base, message)]);
}

function baseLine(base) {
  const units = base.units.filter((u) => u.active);
  return h('p', { class: 'pusling-base' },
    h('strong', { id: 'pusling-base-name' }, base.facility.name), h('br'),
    units.length
      ? t('pusling.units', { units: units.map((u) => t('pusling.team-detail', { name: u.name, vehicle: t('pusling.vehicle.' + u.vehicle), size: u.teamSize })).join('; ') })
      : t('pusling.no-units'),
    units.some((u) => u.synthetic) ? [' ', h('span', { class: 'badge' }, t('pusling.synthetic'))] : null);
}

async function renderPlanList(box, base) {
  const list = h('ul', { class: 'pusling-plan-list' });
  const more = h('button', { type: 'button', hidden: true }, t('pusling.plans-more'));
  let after = null;
  const load = async () => {
    const data = await gql('pusling', 'PuslingPlans', { filter: { depotFacilityId: base.facility.id }, after });
    const page = data.outreachPlans;
    page.edges.forEach(({ node }) => list.append(h('li', {},
      h('a', { href: '#/pusling?plan=' + encodeURIComponent(node.id), dataset: { plan: node.id } }, node.name),
      ' ', statusBadge(node.status),
      h('small', { class: 'hint' }, monthLabel(node.serviceMonth) + ' · ' + t('pusling.served') + ': ' + fmtNumber(node.servedCount)
        + (node.unservedCount ? ' · ' + t('pusling.unserved') + ': ' + fmtNumber(node.unservedCount) : '')))));
    after = page.pageInfo.endCursor;
    more.hidden = !page.pageInfo.hasNextPage;
    if (!list.children.length) fill(box, h('p', { class: 'muted' }, t('pusling.plans-none')));
  };
  more.addEventListener('click', () => load());
  fill(box, list, more);
  await load();
}

async function renderForm(box, ctx, base, message) {
  const units = base.units.filter((u) => u.active);
  if (!units.length) { fill(box, h('p', {}, t('pusling.no-units'))); return; }
  const now = todayInJakarta();
  const all = (await gql('pusling', 'PuslingSelections', { from: now })).targetSelections.edges.map((e) => e.node);
  // The Dinkes sees every selection of the kota: those with RWs in the base's wilayah kerja, when it has one.
  const area = base.facility.catchment.map((r) => r.code + '.');
  const near = all.filter((sel) => sel.rwCodes.some((c) => area.some((k) => c.startsWith(k))));
  const selections = near.length ? near : all;
  if (!selections.length) { fill(box, h('p', { class: 'muted', id: 'pusling-no-selection' }, t('pusling.selections-none'))); return; }

  const wanted = (ctx.params.get('selection') || '').split(',').filter(Boolean);
  const checks = selections.map((s, i) => h('input', { type: 'checkbox', value: s.id, id: 'sel-' + s.id, dataset: { selection: s.id },
    checked: wanted.length ? wanted.includes(s.id) : i === 0 }));
  const selectionSet = h('fieldset', { class: 'pusling-selections' }, h('legend', {}, t('pusling.selections')),
    selections.map((s, i) => h('div', { class: 'pusling-check' }, checks[i],
      h('label', { for: checks[i].id },
        t('pusling.selection-label', { id: s.id, rws: fmtNumber(s.rwCodes.length), from: fmtDate(s.periodFrom), to: fmtDate(s.periodTo), by: s.createdBy }),
        h('small', { class: 'hint' }, t('pusling.selection-reason', { reason: s.reason }))))));
  const month = h('select', { id: 'pusling-month' });
  const name = h('input', { id: 'pusling-name', type: 'text', maxlength: 200, required: true });
  let nameEdited = false;
  name.addEventListener('input', () => { nameEdited = true; });
  const vehicles = select(units.map((u, i) => ({ value: i + 1, label: String(i + 1) })), 1, { id: 'pusling-vehicles' });
  const start = h('input', { id: 'pusling-start', type: 'time', value: '08:00', required: true });
  const end = h('input', { id: 'pusling-end', type: 'time', value: '14:00', required: true });
  const minutes = h('input', { id: 'pusling-minutes', type: 'number', min: 1, max: 600, value: 120, required: true, inputmode: 'numeric' });
  // The road speeds of the base's own vehicle first: a Pusling car (or ambulance) drives as a car, a motorbike team rides.
  const usual = units.length && units[0].vehicle !== 'MOTOR' ? 'CAR' : 'MOTORBIKE';
  const mode = select(['MOTORBIKE', 'CAR', 'WALK'].map((m) => ({ value: m, label: t('pusling.mode.' + m) })), usual, { id: 'pusling-mode' });
  const spread = h('input', { type: 'checkbox', id: 'pusling-spread', checked: true });
  const align = h('input', { type: 'checkbox', id: 'pusling-align' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'pusling-plan' }, t('pusling.plan'));
  const problems = h('div', { id: 'pusling-form-errors', role: 'alert' });

  const chosen = () => selections.filter((s, i) => checks[i].checked);
  const updateMonths = () => {
    const picked = chosen();
    let months = [];
    if (picked.length) {
      const from = picked.map((s) => s.periodFrom).reduce((a, b) => (a > b ? a : b));
      const to = picked.map((s) => s.periodTo).reduce((a, b) => (a < b ? a : b));
      if (from <= to && to >= now) months = monthsBetween(from > now ? from : now, to);
    }
    const previous = month.value;
    fill(month, months.map((m) => h('option', { value: m }, monthLabel(m))));
    const preferred = ctx.params.get('month');
    month.value = months.includes(previous) ? previous : months.includes(preferred) ? preferred
      : months.find(monthHasWeekdayLeft) || months[0] || '';
    month.disabled = !months.length;
    submit.disabled = !months.length;
    fill(problems, picked.length ? (months.length ? null : h('p', { class: 'status error' }, t('pusling.month-none')))
      : h('p', { class: 'status error' }, t('pusling.pick-selection')));
    updateName();
  };
  const updateName = () => {
    if (!nameEdited && month.value) name.value = t('pusling.name-default', { base: base.facility.name.replace(/^Puskesmas\s+/i, ''), month: monthLabel(month.value) });
  };
  checks.forEach((c) => c.addEventListener('change', updateMonths));
  month.addEventListener('change', updateName);

  const form = h('form', { id: 'pusling-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    fill(problems);
    const picked = chosen();
    if (!picked.length) { fill(problems, h('p', { class: 'status error' }, t('pusling.pick-selection'))); return; }
    const input = {
      name: name.value.trim(),
      targetSelectionIds: picked.map((s) => s.id),
      baseFacilityId: base.facility.id,
      vehicles: Number(vehicles.value),
      month: month.value,
      workdayStart: start.value,
      workdayEnd: end.value,
      serviceMinutes: Number(minutes.value),
      mode: mode.value,
      spreadOverWeeks: spread.checked,
      alignWithPosyandu: align.checked,
    };
    submit.disabled = true;
    try {
      const result = (await gql('pusling', 'PuslingPlanOutreach', { input })).planOutreach;
      if (result.errors.length) {
        fill(problems, h('div', { class: 'status error' }, t('pusling.refused'), errorList(result.errors)));
        return;
      }
      ctx.navigate('pusling', ctx.me.facilityId ? { job: result.job.id } : { job: result.job.id, base: base.facility.id });
    } catch (e) {
      status(message, t('app.error', { message: e.message }), 'error');
    } finally {
      submit.disabled = false;
    }
  } },
  selectionSet,
  h('div', { class: 'row' }, field(t('pusling.month'), month), field(t('pusling.vehicles'), vehicles)),
  field(t('pusling.name'), name),
  h('div', { class: 'row' }, field(t('pusling.start'), start), field(t('pusling.end'), end)),
  h('div', { class: 'row' }, field(t('pusling.service-minutes'), minutes), field(t('pusling.mode'), mode)),
  h('div', { class: 'pusling-check' }, spread, h('label', { for: spread.id }, t('pusling.spread'))),
  h('div', { class: 'pusling-check' }, align, h('label', { for: align.id }, t('pusling.align'))),
  problems,
  h('div', { class: 'actions' }, submit),
  h('small', { class: 'hint' }, t('pusling.plan-hint')));
  fill(box, form);
  updateMonths();
}

// ---- state 2: the solve job ---------------------------------------------------------------------------------

async function renderJob(root, ctx, jobId) {
  const line = h('p', { id: 'pusling-job-status', role: 'status', 'aria-live': 'polite' });
  const bar = h('progress', { id: 'pusling-job-progress', max: 3, 'aria-label': t('pusling.job.progress') });
  const steps = h('ol', { class: 'pusling-steps' });
  const after = h('div', { class: 'actions' });
  const errors = h('div');
  const home = homeOf(ctx, ctx.params.get('base'));
  fill(root, h('p', {}, h('a', { href: home }, t('pusling.back'))), h('h1', {}, t('pusling.job.title')),
    h('div', { class: 'card', id: 'pusling-job' }, steps, bar, line, errors, after));

  const seconds = (from, to) => fmtNumber(Math.max(0, Math.round(((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000)));
  const show = (job) => {
    const index = { QUEUED: 0, RUNNING: 1, SUCCEEDED: 3, FAILED: 3 }[job.state];
    root.querySelector('#pusling-job').dataset.jobState = job.state;
    fill(steps, [['queued', job.createdAt], ['running', job.startedAt], ['done', job.finishedAt]].map(([key, at], i) => h('li', {
      class: i < index || job.state === 'SUCCEEDED' ? 'done' : i === index ? 'current' : '', 'aria-current': i === index ? 'step' : false,
    }, t('pusling.job.step.' + key), at ? h('small', { class: 'hint' }, clock(at)) : null)));
    if (job.state === 'QUEUED' || job.state === 'RUNNING') bar.removeAttribute('value');
    else bar.value = 3;
    if (job.state === 'QUEUED') line.textContent = t('pusling.job.QUEUED');
    if (job.state === 'RUNNING') line.textContent = t('pusling.job.RUNNING', { seconds: seconds(job.startedAt) });
    if (job.state === 'SUCCEEDED') {
      line.textContent = t('pusling.job.SUCCEEDED', { seconds: seconds(job.createdAt, job.finishedAt) });
      fill(after, h('a', { class: 'button primary', id: 'pusling-open-plan', href: '#/pusling?plan=' + encodeURIComponent(job.plan.id) }, t('pusling.job.open')));
    }
    if (job.state === 'FAILED') {
      line.textContent = t('pusling.job.FAILED', { message: job.message || '' });
      line.className = 'status error';
      if (job.errors.length) fill(errors, errorList(job.errors));
      fill(after, h('a', { class: 'button', href: home }, t('pusling.job.again')));
    }
  };

  const first = (await gql('pusling', 'PuslingPlanJob', { id: jobId })).outreachPlanJob;
  if (!first) { line.textContent = t('pusling.job.missing'); return; }
  show(first);
  // Poll until the job ends, while this screen is shown (a new render replaces root).
  const poll = async (job) => {
    if (job.state === 'SUCCEEDED' || job.state === 'FAILED' || !root.isConnected) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
    if (!root.isConnected) return;
    const next = (await gql('pusling', 'PuslingPlanJob', { id: jobId })).outreachPlanJob;
    if (!root.isConnected || !next) return;
    show(next);
    await poll(next);
  };
  poll(first).catch((e) => { line.textContent = t('app.error', { message: e.message }); line.className = 'status error'; });
}

// ---- state 3: one plan --------------------------------------------------------------------------------------

async function renderPlan(root, ctx, planId) {
  const plan = (await gql('pusling', 'PuslingPlan', { id: planId })).outreachPlan;
  if (!plan) {
    fill(root, h('p', {}, h('a', { href: homeOf(ctx, null) }, t('pusling.back'))), h('p', { class: 'status error', role: 'alert' }, t('pusling.plan-missing')));
    return;
  }
  const message = h('p', { class: 'status', id: 'pusling-message', hidden: true });
  const dates = [...new Set(plan.routes.map((r) => r.date))].sort();
  const now = todayInJakarta();
  let day = dates.includes(ctx.params.get('day')) ? ctx.params.get('day') : dates.find((d) => d >= now) || dates[0];

  // Day picker: previous / select / next, right above the map (phone) and the list.
  const daySelect = h('select', { id: 'pusling-day' }, dates.map((d) => h('option', { value: d },
    t('pusling.day-option', { date: fmtDate(d, { weekday: true }), rws: plan.routes.filter((r) => r.date === d).reduce((n, r) => n + r.stops.length, 0) }))));
  const prev = h('button', { type: 'button', id: 'pusling-day-prev', 'aria-label': t('pusling.day-prev'), title: t('pusling.day-prev') }, '‹');
  const next = h('button', { type: 'button', id: 'pusling-day-next', 'aria-label': t('pusling.day-next'), title: t('pusling.day-next') }, '›');
  const dayList = h('div', { id: 'pusling-day-list', 'aria-live': 'polite' });
  const mapBox = h('div', { class: 'map', id: 'pusling-map' });

  fill(root,
    h('p', { class: 'no-print' }, h('a', { href: homeOf(ctx, plan.base.id), id: 'pusling-back' }, t('pusling.back'))),
    h('h1', { id: 'pusling-plan-title', dataset: { plan: plan.id, planStatus: plan.status } }, plan.name, ' ', statusBadge(plan.status)),
    h('p', { class: 'hint' }, plan.status === 'CANCELLED' ? t('pusling.status-help.CANCELLED', { reason: plan.cancelReason || '' }) : t('pusling.status-help.' + plan.status)),
    message,
    h('div', { class: 'split pusling-split' },
      dates.length ? h('div', { class: 'pusling-daybar no-print' }, prev, field(t('pusling.day'), daySelect), next) : h('p', {}, t('pusling.no-routes')),
      mapBox, h('div', { class: 'panel' },
      dayList,
      h('p', { class: 'hint' }, t('pusling.map-legend')),
      summary(plan),
      actions(plan, ctx, message),
      await visitsSection(plan, ctx, message),
      await realisationSection(plan))));

  const map = await createMap(mapBox, { label: t('pusling.map', { date: day ? fmtDate(day) : '' }) });
  const rwCodes = plan.routes.flatMap((r) => r.stops.map((s) => s.rwCode));
  const kecamatan = [...new Set(rwCodes.concat(plan.unserved.map((u) => u.rwCode)).map((c) => c.split('.').slice(0, 3).join('.')))];
  await addBoundaries(map, kecamatan.length === 1 ? kecamatan[0] : plan.kabkotaCode, { fit: false });
  colorRws(map, Object.fromEntries(rwCodes.map((c) => [c, '#d7ecf3'])), '#ffffff');
  map.setPaintProperty('rw-fill', 'fill-opacity', 0.6);
  map.addSource('pusling-routes', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'pusling-route-casing', type: 'line', source: 'pusling-routes', layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': 7 } });
  map.addLayer({ id: 'pusling-route-line', type: 'line', source: 'pusling-routes', layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ['get', 'color'], 'line-width': 4 } });
  const baseEl = h('div', { class: 'pusling-marker pusling-base-marker', 'aria-hidden': 'true' }, 'P');
  new maplibregl.Marker({ element: baseEl }).setLngLat(plan.base.location.coordinates).addTo(map);
  let stopMarkers = [];

  const showDay = (date) => {
    day = date;
    daySelect.value = date;
    prev.disabled = dates.indexOf(date) <= 0;
    next.disabled = dates.indexOf(date) >= dates.length - 1;
    if ((prev.disabled && document.activeElement === prev) || (next.disabled && document.activeElement === next)) daySelect.focus();
    ctx.setParams({ plan: plan.id, day: date });
    const routes = plan.routes.filter((r) => r.date === date);
    fill(dayList, dayView(plan, date, routes));
    dayList.dataset.day = date;
    map.getCanvas().setAttribute('aria-label', t('pusling.map', { date: fmtDate(date) }));
    map.getSource('pusling-routes').setData({ type: 'FeatureCollection', features: routes.map((r) => ({
      type: 'Feature', geometry: r.geometry, properties: { vehicle: r.vehicle, color: TEAM_COLORS[(r.vehicle - 1) % TEAM_COLORS.length] } })) });
    stopMarkers.forEach((m) => m.remove());
    stopMarkers = routes.flatMap((r) => r.stops.map((s) => {
      const el = h('div', { class: 'pusling-marker', 'aria-hidden': 'true', style: 'background:' + TEAM_COLORS[(r.vehicle - 1) % TEAM_COLORS.length] }, String(s.sequence));
      return new maplibregl.Marker({ element: el }).setLngLat(s.location.coordinates).addTo(map);
    }));
    const shapes = routes.map((r) => ({ type: 'Feature', geometry: r.geometry })).concat([{ type: 'Feature', geometry: plan.base.location }]);
    map.fitBounds(boundsOf({ type: 'FeatureCollection', features: shapes }), { padding: 40, duration: 0, maxZoom: 16 });
  };
  if (dates.length) {
    daySelect.addEventListener('change', () => showDay(daySelect.value));
    prev.addEventListener('click', () => showDay(dates[dates.indexOf(day) - 1]));
    next.addEventListener('click', () => showDay(dates[dates.indexOf(day) + 1]));
    showDay(day);
  } else {
    map.jumpTo({ center: plan.base.location.coordinates, zoom: 14 });
  }
  await idle(map);
}

function dayView(plan, date, routes) {
  return [
    h('h2', {}, fmtDate(date, { weekday: true })),
    routes.map((r) => {
      const color = TEAM_COLORS[(r.vehicle - 1) % TEAM_COLORS.length];
      return h('section', { class: 'pusling-route', dataset: { vehicle: r.vehicle } },
        h('h3', {}, h('span', { class: 'swatch', style: 'background:' + color, 'aria-hidden': 'true' }), ' ', t('pusling.team', { n: r.vehicle }),
          r.team ? h('small', { class: 'hint' }, t('pusling.team-detail', { name: r.team.name, vehicle: t('pusling.vehicle.' + r.team.vehicle), size: r.team.size })) : null),
        h('p', { class: 'hint' }, t('pusling.route-line', { departure: fmtClock(r.departure), base: plan.base.name, back: fmtClock(r.returnTime),
          distance: fmtKm(r.distanceMeters), duration: fmtDuration(r.travelSeconds) })),
        h('ol', { class: 'pusling-stops' }, r.stops.map((s) => h('li', { dataset: { rw: s.rwCode } },
          h('span', { class: 'pusling-stop-no', style: 'background:' + color, 'aria-hidden': 'true' }, String(s.sequence)),
          h('div', {},
            h('strong', {}, s.rwName + ', ' + s.kelurahanName), h('br'),
            t('pusling.stop-times', { arrival: fmtClock(s.arrival), start: fmtClock(s.serviceStart), end: fmtClock(s.departure) }),
            s.waitMinutes ? ' · ' + t('pusling.stop-wait', { minutes: fmtNumber(s.waitMinutes) }) : null,
            h('small', { class: 'hint' }, t('pusling.stop-leg', { distance: fmtKm(s.leg.distanceMeters) })
              + (s.leg.method === 'GEODESIC_DETOUR' ? ' (' + t('pusling.estimate') + ')' : ''))))),
        h('li', { class: 'pusling-return' }, h('span', { class: 'pusling-stop-no pusling-stop-base', 'aria-hidden': 'true' }, 'P'),
          h('div', {}, t('pusling.return', { base: plan.base.name, time: fmtClock(r.returnTime), distance: fmtKm(r.returnLeg.distanceMeters) })))));
    }),
  ];
}

function summary(plan) {
  const rows = [
    [t('pusling.month-of'), monthLabel(plan.serviceMonth)],
    [t('pusling.served'), fmtNumber(plan.servedCount)],
    [t('pusling.unserved'), fmtNumber(plan.unservedCount)],
    [t('pusling.days'), fmtNumber(new Set(plan.routes.map((r) => r.date)).size)],
    [t('pusling.distance'), fmtKm(plan.totalDistanceMeters)],
    [t('pusling.duration'), fmtDuration(plan.totalDurationSeconds)],
  ];
  if (plan.fallbackLegs) rows.push([t('pusling.estimates'), fmtNumber(plan.fallbackLegs)]);
  return h('section', { class: 'pusling-summary', 'aria-labelledby': 'pusling-summary-title' },
    h('h2', { id: 'pusling-summary-title' }, t('pusling.summary')),
    h('dl', { class: 'pusling-figures' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    plan.unserved.length ? [h('h3', {}, t('pusling.unserved-list')), h('ul', {}, plan.unserved.map((u) => h('li', {},
      h('strong', {}, u.rwCode), ': ', known('pusling.unserved.' + u.reason, u.reason), h('small', { class: 'hint' }, u.message))))] : null,
    plan.notes.length ? [h('h3', {}, t('pusling.notes')), h('ul', { id: 'pusling-notes' }, plan.notes.map((n) => h('li', { dataset: { note: n.code } },
      known('pusling.note.' + n.code, n.code), h('small', { class: 'hint' }, n.message))))] : null,
    plan.warnings.length ? [h('h3', {}, t('pusling.warnings')), h('ul', {}, plan.warnings.map((w) => h('li', {},
      known('pusling.warning.' + w.code, w.code), h('small', { class: 'hint' }, w.message))))] : null);
}

function actions(plan, ctx, message) {
  const box = h('section', { class: 'pusling-actions no-print' });
  const buttons = h('div', { class: 'actions' });
  const extra = h('div');
  if (plan.status === 'DRAFT') {
    buttons.append(h('button', { type: 'button', class: 'primary', id: 'pusling-publish', onclick: async (event) => {
      event.target.disabled = true;
      try {
        const result = (await gql('pusling', 'PuslingPublish', { input: { id: plan.id, version: plan.version } })).publishOutreachPlan;
        if (!result.errors.length) {
          sessionStorage.setItem('pusling.notice', t('pusling.published'));
          ctx.rerender();
          return;
        }
        const conflict = result.errors.find((e) => e.__typename === 'PlanAlreadyPublishedError');
        if (conflict) {
          status(message, t('pusling.conflict', { month: monthLabel(conflict.month), status: t('pusling.status.' + conflict.publishedPlanStatus).toLowerCase(), name: conflict.publishedPlanName }), 'error');
          fill(extra, h('p', {}, h('a', { class: 'button', id: 'pusling-conflict-open', dataset: { conflictPlan: conflict.publishedPlanId },
            href: '#/pusling?plan=' + encodeURIComponent(conflict.publishedPlanId) }, t('pusling.conflict-open', { name: conflict.publishedPlanName }))));
        } else {
          status(message, result.errors.map((e) => e.message).join('; '), 'error');
        }
      } catch (e) {
        status(message, t('app.error', { message: e.message }), 'error');
      } finally {
        event.target.disabled = false;
      }
    } }, t('pusling.publish')));
  }
  if (plan.status !== 'CANCELLED') {
    buttons.append(h('button', { type: 'button', id: 'pusling-print', onclick: () => openReport(plan.jadwalHtmlPath)
      .catch((e) => status(message, t('app.error', { message: e.message }), 'error')) }, t('pusling.print')));
    buttons.append(h('button', { type: 'button', id: 'pusling-pdf', onclick: () => download(plan.jadwalPdfPath, 'jadwal-pusling-' + plan.id + '.pdf')
      .catch((e) => status(message, t('app.error', { message: e.message }), 'error')) }, t('pusling.pdf')));
  }
  if (plan.status === 'DRAFT' || plan.status === 'PUBLISHED') {
    buttons.append(h('button', { type: 'button', class: 'danger', id: 'pusling-cancel', 'aria-expanded': 'false', onclick: (event) => {
      const open = event.currentTarget.getAttribute('aria-expanded') === 'true';
      event.currentTarget.setAttribute('aria-expanded', String(!open));
      if (open) { fill(extra); return; }
      const reason = h('textarea', { id: 'pusling-cancel-reason', rows: 2, maxlength: 2000, required: true });
      fill(extra, h('form', { class: 'card', onsubmit: async (e) => {
        e.preventDefault();
        if (!reason.value.trim()) { status(message, t('pusling.cancel-need-reason'), 'error'); reason.focus(); return; }
        const result = (await gql('pusling', 'PuslingCancel', { input: { id: plan.id, version: plan.version, reason: reason.value.trim() } })).cancelOutreachPlan;
        if (result.errors.length) { status(message, result.errors.map((x) => x.message).join('; '), 'error'); return; }
        sessionStorage.setItem('pusling.notice', t('pusling.cancelled'));
        ctx.rerender();
      } }, field(t('pusling.cancel-reason'), reason, t('pusling.cancel-hint')),
      h('button', { type: 'submit', class: 'danger', id: 'pusling-cancel-confirm' }, t('pusling.cancel-confirm'))));
      reason.focus();
    } }, t('pusling.cancel')));
  }
  add(box, buttons, plan.status !== 'CANCELLED' ? h('small', { class: 'hint' }, t('pusling.print-hint')) : null, extra);
  return box;
}

async function visitsSection(plan, ctx, message) {
  const box = h('section', { class: 'card', id: 'pusling-visits', 'aria-labelledby': 'pusling-visits-title' },
    h('h2', { id: 'pusling-visits-title' }, t('pusling.visits')));
  const now = todayInJakarta();
  if (plan.status === 'DRAFT') { box.append(h('p', { class: 'muted' }, t('pusling.visits-draft'))); return box; }
  if (plan.status === 'CANCELLED') { box.append(h('p', { class: 'muted' }, t('pusling.visits-cancelled'))); return box; }
  const recorded = plan.visits.length ? [h('h3', {}, t('pusling.visits-recorded')), h('ul', { id: 'pusling-visit-list' }, plan.visits.map((v) => h('li', { dataset: { rw: v.rwCode } },
    t('pusling.visit-line', { date: fmtDate(v.visitDate), rw: v.rwName, kelurahan: v.kelurahanName, people: fmtNumber(v.peopleTotal), team: v.teamName }))))] : null;
  if (plan.serviceMonth + '-01' > now) {
    add(box, h('p', { class: 'muted' }, t('pusling.visits-future', { month: monthLabel(plan.serviceMonth) })), recorded);
    return box;
  }
  const services = (await gql('pusling', 'PuslingServices')).services;
  const stops = plan.routes.flatMap((r) => r.stops.map((s) => ({ ...s, date: r.date, team: r.team, vehicle: r.vehicle })));
  const visitOf = (rw) => plan.visits.find((v) => v.rwCode === rw);
  const rw = select(stops.map((s) => ({ value: s.rwCode, label: t('pusling.visit-rw-option', { rw: s.rwName, kelurahan: s.kelurahanName, date: fmtDate(s.date) })
    + (visitOf(s.rwCode) ? ' · ' + t('pusling.visit-done') : '') })), (stops.find((s) => !visitOf(s.rwCode)) || stops[0] || {}).rwCode, { id: 'pusling-visit-rw' });
  const monthEnd = plan.serviceMonth + '-' + String(new Date(Date.UTC(...plan.serviceMonth.split('-').map(Number), 0)).getUTCDate()).padStart(2, '0');
  const date = h('input', { type: 'date', id: 'pusling-visit-date', min: plan.serviceMonth + '-01', max: monthEnd < now ? monthEnd : now, required: true });
  const team = h('input', { type: 'text', id: 'pusling-visit-team', maxlength: 200, required: true });
  const members = h('input', { type: 'number', id: 'pusling-visit-members', min: 1, max: 50, required: true, inputmode: 'numeric' });
  const people = SEGMENTS.map((s) => h('input', { type: 'number', min: 0, max: 100000, id: 'pusling-people-' + s, dataset: { segment: s }, inputmode: 'numeric' }));
  const serviceChecks = services.map((s) => h('input', { type: 'checkbox', value: s.key, id: 'pusling-service-' + s.key }));
  const serviceCount = h('span', { class: 'hint' });
  const countServices = () => { serviceCount.textContent = ' (' + t('pusling.visit-services-count', { n: serviceChecks.filter((c) => c.checked).length }) + ')'; };
  serviceChecks.forEach((c) => c.addEventListener('change', countServices));
  const referrals = h('input', { type: 'number', min: 0, id: 'pusling-visit-referrals', inputmode: 'numeric' });
  const notes = h('textarea', { id: 'pusling-visit-notes', rows: 2, maxlength: 2000 });
  const save = h('button', { type: 'submit', class: 'primary', id: 'pusling-visit-save' });
  const problems = h('div', { role: 'alert' });

  const prefill = () => {
    const stop = stops.find((s) => s.rwCode === rw.value);
    const visit = visitOf(rw.value);
    const planned = stop && stop.date <= date.max ? stop.date : date.max;
    date.value = visit ? visit.visitDate : planned;
    team.value = visit ? visit.teamName : (stop && stop.team ? stop.team.name : t('pusling.team', { n: stop ? stop.vehicle : 1 }));
    members.value = visit ? visit.teamMembers : (stop && stop.team ? stop.team.size : 2);
    people.forEach((input) => {
      const count = visit && visit.peopleServed.find((p) => p.segment === input.dataset.segment);
      input.value = count ? count.people : '';
    });
    serviceChecks.forEach((c) => { c.checked = Boolean(visit && visit.serviceKeys.includes(c.value)); });
    referrals.value = visit ? visit.referrals : 0;
    notes.value = visit && visit.notes ? visit.notes : '';
    save.textContent = visit ? t('pusling.visit-update') : t('pusling.visit-save');
    countServices();
  };
  rw.addEventListener('change', prefill);

  const form = h('form', { id: 'pusling-visit-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    fill(problems);
    const visit = visitOf(rw.value);
    const input = {
      planId: plan.id, rwCode: rw.value, visitDate: date.value, teamName: team.value.trim(), teamMembers: Number(members.value),
      peopleServed: people.filter((p) => p.value !== '').map((p) => ({ segment: p.dataset.segment, people: Number(p.value) })),
      serviceKeys: serviceChecks.filter((c) => c.checked).map((c) => c.value),
      referrals: Number(referrals.value || 0), notes: notes.value.trim() || null, version: visit ? visit.version : null,
    };
    save.disabled = true;
    try {
      const result = (await gql('pusling', 'PuslingRecordVisit', { input })).recordOutreachVisit;
      if (result.errors.length) { fill(problems, h('div', { class: 'status error' }, errorList(result.errors))); return; }
      const v = result.outreachVisit;
      sessionStorage.setItem('pusling.notice', result.created ? t('pusling.visit-saved', { rw: v.rwName + ', ' + v.kelurahanName, people: fmtNumber(v.peopleTotal) })
        : t('pusling.visit-corrected', { rw: v.rwName + ', ' + v.kelurahanName }));
      ctx.rerender();
    } catch (e) {
      status(message, t('app.error', { message: e.message }), 'error');
    } finally {
      save.disabled = false;
    }
  } },
  field(t('pusling.visit-rw'), rw),
  h('div', { class: 'row' }, field(t('pusling.visit-date'), date), field(t('pusling.visit-members'), members)),
  field(t('pusling.visit-team'), team),
  h('fieldset', {}, h('legend', {}, t('pusling.visit-people')), h('div', { class: 'pusling-people' },
    people.map((input) => field(t('pusling.segment.' + input.dataset.segment), input)))),
  h('details', { class: 'pusling-services' }, h('summary', {}, t('pusling.visit-services'), serviceCount),
    h('div', { class: 'pusling-service-list' }, services.map((s, i) => h('div', { class: 'pusling-check' }, serviceChecks[i], h('label', { for: serviceChecks[i].id }, s.name))))),
  h('div', { class: 'row' }, field(t('pusling.visit-referrals'), referrals)),
  field(t('pusling.visit-notes'), notes, t('pusling.visit-notes-hint')),
  problems,
  h('div', { class: 'actions' }, save));
  if (stops.length) { box.append(form); prefill(); }
  add(box, recorded);
  return box;
}

async function realisationSection(plan) {
  const box = h('section', { class: 'card', id: 'pusling-realisation', 'aria-labelledby': 'pusling-realisation-title' },
    h('h2', { id: 'pusling-realisation-title' }, t('pusling.realisation', { month: monthLabel(plan.serviceMonth) })));
  if (plan.status === 'DRAFT') { box.append(h('p', { class: 'muted' }, t('pusling.visits-draft'))); return box; }
  const r = (await gql('pusling', 'PuslingRealisation', { regionCode: plan.kabkotaCode, month: plan.serviceMonth })).outreachRealisation;
  const mine = r.rws.filter((row) => row.planId === plan.id).sort((a, b) => (a.plannedDate < b.plannedDate ? -1 : a.plannedDate > b.plannedDate ? 1 : 0));
  add(box,
    r.scopeLimited ? h('p', { class: 'hint' }, t('pusling.realisation-scope')) : null,
    h('dl', { class: 'pusling-figures', id: 'pusling-realisation-figures', dataset: { done: r.doneCount, planned: r.plannedCount } },
      h('dt', {}, t('pusling.realisation-done')),
      h('dd', {}, r.plannedCount ? t('pusling.realisation-done-value', { done: fmtNumber(r.doneCount), planned: fmtNumber(r.plannedCount), ratio: fmtPercent(r.doneRatio) })
        : t('pusling.realisation-none')),
      h('dt', {}, t('pusling.realisation-unplanned')), h('dd', {}, fmtNumber(r.unplannedCount)),
      h('dt', {}, t('pusling.realisation-people')), h('dd', {}, fmtNumber(r.peopleReachedTotal)),
      r.peopleReached.map((p) => [h('dt', { class: 'sub' }, t('pusling.segment.' + p.segment)), h('dd', {}, fmtNumber(p.people))])),
    mine.length ? [h('h3', {}, t('pusling.realisation-plan')), h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('pusling.realisation-plan') }, h('table', { id: 'pusling-realisation-rws' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('pusling.col.rw')), h('th', { scope: 'col' }, t('pusling.col.planned')),
        h('th', { scope: 'col' }, t('pusling.col.visited')), h('th', { scope: 'col', class: 'num' }, t('pusling.col.people')))),
      h('tbody', {}, mine.map((row) => h('tr', { dataset: { rw: row.rwCode, visited: row.visitId ? 'yes' : 'no' } },
        h('td', {}, row.rwName, h('small', { class: 'hint' }, row.kelurahanName)), h('td', {}, dayMonth(row.plannedDate)),
        h('td', {}, row.visitedDate ? dayMonth(row.visitedDate) : t('pusling.not-yet')),
        h('td', { class: 'num' }, row.visitId ? fmtNumber(row.peopleReachedTotal) : '–'))))))] : null);
  return box;
}

// ---- the screen ---------------------------------------------------------------------------------------------

/** The Dinkes chooses the base (any facility of its kab/kota that runs Pusling); staff plan from their own. */
async function basePicker(ctx) {
  const bases = (await gql('pusling', 'PuslingBases', { regionCode: ctx.me.scope[0] })).facilities.edges.map((e) => e.node);
  const wanted = ctx.params.get('base');
  const baseId = bases.some((b) => b.id === wanted) ? wanted : bases.length ? bases[0].id : null;
  const picker = select(bases.map((b) => ({ value: b.id, label: b.name })), baseId, { id: 'pusling-base',
    onchange: (e) => ctx.navigate('pusling', { base: e.target.value }) });
  return { baseId, picker: bases.length ? field(t('pusling.base-pick'), picker, t('pusling.base-pick-hint')) : h('p', {}, t('pusling.no-bases')) };
}

export default {
  id: 'pusling',
  roles: ['PUSKESMAS_STAFF', 'DINKES_ADMIN'],
  async render(root, ctx) {
    const staff = Boolean(ctx.me.facilityId);
    if (!staff && ctx.me.role !== 'DINKES_ADMIN') {
      fill(root, h('h1', {}, t('pusling.title')), h('p', { class: 'status error', role: 'alert' }, t('pusling.no-base')));
      return;
    }
    const planId = ctx.params.get('plan');
    const jobId = ctx.params.get('job');
    if (planId) await renderPlan(root, ctx, planId);
    else if (jobId) await renderJob(root, ctx, jobId);
    else {
      const { baseId, picker } = staff ? { baseId: ctx.me.facilityId, picker: null } : await basePicker(ctx);
      if (!baseId) { fill(root, h('h1', {}, t('pusling.title')), picker); return; }
      const data = await gql('pusling', 'PuslingBase', { facilityId: baseId });
      await renderHome(root, ctx, { facility: data.facility, units: data.puslingUnits }, picker);
    }
    const notice = sessionStorage.getItem('pusling.notice');
    if (notice) {
      sessionStorage.removeItem('pusling.notice');
      const line = root.querySelector('#pusling-message') || root.insertBefore(h('p', { class: 'status' }), root.children[1] || null);
      status(line, notice, 'ok');
    }
  },
};
