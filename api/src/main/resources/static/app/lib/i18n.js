// Messages in Bahasa Indonesia (default) and English. Each screen adds its own with addMessages(); the shell's are
// below. t('key', {n: 3}) fills {n}. Numbers and dates are formatted with the language's locale (id-ID / en-GB).

const messages = { id: {}, en: {} };
const STORAGE_KEY = 'atlas.lang';
let current = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY)) || 'id';

export const LANGUAGES = [{ value: 'id', label: 'Indonesia' }, { value: 'en', label: 'English' }];

/** Adds messages: { id: { key: 'teks' }, en: { key: 'text' } }. A key in one language must be in the other. */
export function addMessages(more) {
  for (const lang of Object.keys(messages)) Object.assign(messages[lang], more[lang] || {});
}

/** The message for key in the current language (Indonesian, then the key itself, when missing). */
export function t(key, params) {
  let text = messages[current][key] ?? messages.id[key] ?? key;
  for (const [name, value] of Object.entries(params || {})) text = text.split('{' + name + '}').join(String(value));
  return text;
}

export function lang() {
  return current;
}

export function setLang(value) {
  current = messages[value] ? value : 'id';
  localStorage.setItem(STORAGE_KEY, current);
  document.documentElement.lang = current;
}

/** The locale of the current language for Intl formats: 'id-ID' or 'en-GB'. */
export function locale() {
  return current === 'en' ? 'en-GB' : 'id-ID';
}

/** Today in Asia/Jakarta as 'yyyy-MM-dd': the server's "today" for schedules, service days and visits. */
export function todayInJakarta() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A clock time '08:05' or '08:05:00' → '08.05' (id) / '08:05' (en); empty → '–'. */
export function fmtClock(time) {
  if (!time) return '–';
  const [hh, mm] = String(time).split(':');
  return hh + (current === 'en' ? ':' : '.') + mm;
}

/** 1234.5 → "1.234,5" (id) / "1,234.5" (en); null/undefined → "–". */
export function fmtNumber(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const d = digits ?? (Number.isInteger(value) ? 0 : 1);
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

/** 0.177 → "17,7 %" / "17.7%". */
export function fmtPercent(share, digits = 1) {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

/** '2026-12-07' or an ISO instant → "7 Des 2026" / "7 Dec 2026" (weekday with {weekday: true}). */
export function fmtDate(value, options) {
  if (!value) return '–';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + 'T00:00:00') : new Date(value);
  const o = { day: 'numeric', month: 'short', year: 'numeric', ...(options && options.weekday ? { weekday: 'long' } : {}) };
  if (options && options.time) Object.assign(o, { hour: '2-digit', minute: '2-digit' });
  return new Intl.DateTimeFormat(locale(), o).format(date);
}

/** Month 1–12 of a year → "Juni 2026" / "June 2026". */
export function fmtMonth(year, month) {
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric' }).format(new Date(year, month - 1, 1));
}

addMessages({
  id: {
    'app.title': 'ILP Atlas',
    'app.tagline': 'Integrasi Layanan Primer',
    'app.skip': 'Langsung ke isi',
    'app.language': 'Bahasa',
    'app.logout': 'Keluar',
    'app.menu': 'Menu',
    'app.loading': 'Memuat…',
    'app.synthetic': 'Data contoh (sintetis), bukan data nyata',
    'app.error': 'Terjadi kesalahan: {message}',
    'app.forbidden': 'Peran Anda tidak dapat membuka layar ini.',
    'app.session-expired': 'Sesi Anda berakhir. Silakan masuk lagi.',
    'app.refused': 'Server menolak akun ini: {message}',
    'app.signed-in-as': 'Masuk sebagai {user} ({role})',
    'nav.masuk': 'Masuk', 'nav.peta': 'Peta', 'nav.pilih': 'Pilih RW', 'nav.tinjau': 'Tinjau',
    'nav.pusling': 'Pusling', 'nav.jadwal': 'Jadwal RW', 'nav.rapat': 'Rapat KIA-gizi',
    'role.DINKES_ADMIN': 'Dinas Kesehatan', 'role.PLANNER': 'Perencana Dinkes', 'role.CAMAT': 'Camat',
    'role.LURAH': 'Lurah', 'role.PUSKESMAS_STAFF': 'Petugas puskesmas', 'role.KADER': 'Kader posyandu',
    'role.ANONYMOUS': 'Publik',
    'common.period': 'Periode', 'common.year': 'Tahun', 'common.month': 'Bulan', 'common.all-year': 'Setahun',
    'common.region': 'Wilayah', 'common.save': 'Simpan', 'common.cancel': 'Batal', 'common.close': 'Tutup',
    'common.print': 'Cetak', 'common.download': 'Unduh', 'common.none': 'Tidak ada', 'common.refresh': 'Muat ulang',
  },
  en: {
    'app.title': 'ILP Atlas',
    'app.tagline': 'Integrated Primary Care',
    'app.skip': 'Skip to content',
    'app.language': 'Language',
    'app.logout': 'Sign out',
    'app.menu': 'Menu',
    'app.loading': 'Loading…',
    'app.synthetic': 'Demo data (synthetic), not real data',
    'app.error': 'Something went wrong: {message}',
    'app.forbidden': 'Your role cannot open this screen.',
    'app.session-expired': 'Your session ended. Please sign in again.',
    'app.refused': 'The server refused this account: {message}',
    'app.signed-in-as': 'Signed in as {user} ({role})',
    'nav.masuk': 'Sign in', 'nav.peta': 'Map', 'nav.pilih': 'Pick RWs', 'nav.tinjau': 'Review',
    'nav.pusling': 'Pusling', 'nav.jadwal': 'RW schedule', 'nav.rapat': 'KIA-nutrition meeting',
    'role.DINKES_ADMIN': 'Health office', 'role.PLANNER': 'Health office planner', 'role.CAMAT': 'Camat',
    'role.LURAH': 'Lurah', 'role.PUSKESMAS_STAFF': 'Puskesmas staff', 'role.KADER': 'Posyandu kader',
    'role.ANONYMOUS': 'Public',
    'common.period': 'Period', 'common.year': 'Year', 'common.month': 'Month', 'common.all-year': 'Whole year',
    'common.region': 'Area', 'common.save': 'Save', 'common.cancel': 'Cancel', 'common.close': 'Close',
    'common.print': 'Print', 'common.download': 'Download', 'common.none': 'None', 'common.refresh': 'Reload',
  },
});
