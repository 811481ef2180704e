// Peta: the planner's map of the caller's area. The RW choropleth of any indicator and period (classes, colours and
// legend from the server: rwIndicators.choropleth), kelurahan and RW names (lib/map.js), the puskesmas and posyandu,
// the KLEOPATRA RWs (stunting, TB and extreme poverty overlapping), access to the responsible puskesmas (rwAccess,
// accessCoverage), the hex heat (/tiles/hex-heat, legend from hexHeatLayer), the trend of the selected area
// (indicatorSeries, drawn as a small SVG with a table beside it) and downloads (/exports/rw-indicators.*). A table of
// the RWs beside the map carries the same figures for keyboard and screen-reader users; choosing a row selects the RW.
// State lives in the URL (#/peta?ind=…&per=…&rw=…&layers=…) so a view can be bookmarked and survives the language
// switch. window.atlasPeta tells the browser tests what is drawn.
import { h, fill, field, status } from '../lib/dom.js';
import { t, addMessages, locale, fmtNumber, fmtPercent, fmtMonth, fmtDate } from '../lib/i18n.js';
import { gql, download } from '../lib/api.js';
import { createMap, addBoundaries, colorRws, idle, boundsOf, NO_DATA_COLOR } from '../lib/map.js';

// ------------------------------------------------------------------ indicators and fields

/** The RwIndicator values, the AreaIndicators field each maps, its unit and the hex heat closest to it. */
const INDICATORS = [
  { key: 'STUNTING_PREVALENCE', field: 'stuntingPrevalence', unit: 'share', hex: 'STUNTED', who: true },
  { key: 'STUNTED', field: 'stunted', unit: 'count', hex: 'STUNTED' },
  { key: 'SEVERE_STUNTING_PREVALENCE', field: 'severeStuntingPrevalence', unit: 'share', hex: 'STUNTED' },
  { key: 'WASTING_PREVALENCE', field: 'wastingPrevalence', unit: 'share', hex: 'STUNTED', who: true },
  { key: 'UNDERWEIGHT_PREVALENCE', field: 'underweightPrevalence', unit: 'share', hex: 'STUNTED' },
  { key: 'MEASUREMENT_COVERAGE', field: 'measurementCoverage', unit: 'share', hex: 'STUNTED' },
  { key: 'TB_NOTIFICATIONS', field: 'tbNotifications', unit: 'count', hex: 'TB_NOTIFICATIONS' },
  { key: 'TB_NOTIFICATIONS_PER_100K', field: 'tbNotificationsPer100k', unit: 'per100k', hex: 'TB_NOTIFICATIONS' },
  { key: 'TB_TREATMENT_SUCCESS_RATE', field: 'tbTreatmentSuccessRate', unit: 'share', hex: 'TB_NOTIFICATIONS' },
  { key: 'EXTREME_POOR_HOUSEHOLDS', field: 'extremePoorHouseholds', unit: 'count', hex: 'STUNTED' },
  { key: 'EXTREME_POOR_SHARE', field: 'extremePoorShare', unit: 'share', hex: 'STUNTED' },
  { key: 'LOW_BIRTH_WEIGHT_BIRTHS', field: 'lowBirthWeightBirths', unit: 'count', hex: 'LOW_BIRTH_WEIGHT_BIRTHS' },
  { key: 'LOW_BIRTH_WEIGHT_OVERDUE_FOLLOW_UPS', field: 'lowBirthWeightOverdueFollowUps', unit: 'count', hex: 'LOW_BIRTH_WEIGHT_BIRTHS' },
  { key: 'HIGH_RISK_PREGNANCIES', field: 'highRiskPregnancies', unit: 'count', hex: 'LOW_BIRTH_WEIGHT_BIRTHS' },
  { key: 'MATERNAL_DEATHS', field: 'maternalDeaths', unit: 'count', hex: 'LOW_BIRTH_WEIGHT_BIRTHS' },
  { key: 'INFANT_DEATHS', field: 'infantDeaths', unit: 'count', hex: 'LOW_BIRTH_WEIGHT_BIRTHS' },
  { key: 'MATERNAL_MORTALITY_RATIO', field: 'maternalMortalityRatio', unit: 'per100k', hex: 'LOW_BIRTH_WEIGHT_BIRTHS' },
  { key: 'INFANT_MORTALITY_RATE', field: 'infantMortalityRate', unit: 'per1000', hex: 'LOW_BIRTH_WEIGHT_BIRTHS' },
];
const INDICATOR = Object.fromEntries(INDICATORS.map((i) => [i.key, i]));

/** The rows of an RW's details: field and unit, in the order a planner reads them. */
const DETAILS = [
  ['population', 'count'], ['balitaTargeted', 'count'], ['childrenMeasured', 'count'], ['measurementCoverage', 'share'],
  ['stunted', 'count'], ['stuntingPrevalence', 'share'], ['severelyStunted', 'count'], ['wastingPrevalence', 'share'],
  ['underweightPrevalence', 'share'], ['tbNotifications', 'count'], ['tbNotificationsPer100k', 'per100k'],
  ['tbTreatmentSuccessRate', 'share'], ['extremePoorHouseholds', 'count'], ['extremePoorShare', 'share'],
  ['births', 'count'], ['lowBirthWeightBirths', 'count'], ['lowBirthWeightOverdueFollowUps', 'count'],
  ['highRiskPregnancies', 'count'], ['maternalDeaths', 'count'], ['infantDeaths', 'count'],
];

const METHODS = ['NATURAL_BREAKS', 'QUANTILE', 'EQUAL_INTERVAL', 'WHO_PREVALENCE_THRESHOLDS'];
const HEX_INDICATORS = ['STUNTED', 'TB_NOTIFICATIONS', 'LOW_BIRTH_WEIGHT_BIRTHS'];
const LAYERS = ['fasilitas', 'kleopatra', 'akses', 'panas'];
const KLEOPATRA_COLOR = '#6a1b9a';
const SELECTED_COLOR = '#0047ab';
const PUSKESMAS_COLOR = '#0b6b3a';
const POSYANDU_COLOR = '#1565c0';
/** Travel-time classes (minutes, upper bound inclusive) of the access layer: light = near, dark = far. */
const ACCESS_CLASSES = [
  { max: 15, color: '#eff3ff' }, { max: 30, color: '#9ecae1' }, { max: 60, color: '#4292c6' }, { max: null, color: '#08306b' },
];
const ACCESS_UNASSIGNED = '#f03b20';

addMessages({
  id: {
    'peta.title': 'Peta indikator RW',
    'peta.map-label': 'Peta RW {region}: {indicator}, {period}. Daftar RW di bawah memuat angka yang sama.',
    'peta.controls': 'Apa yang dipetakan',
    'peta.indicator': 'Indikator',
    'peta.period': 'Periode',
    'peta.period-months': 'Bulan', 'peta.period-quarters': 'Triwulan', 'peta.period-years': 'Tahun',
    'peta.period-partial': '{label} (data belum lengkap)',
    'peta.quarter': 'Triwulan {q} {year}', 'peta.year': 'Tahun {year}',
    'peta.region': 'Wilayah',
    'peta.method': 'Cara membagi kelas',
    'peta.method.NATURAL_BREAKS': 'Jeda alami (Jenks)', 'peta.method.QUANTILE': 'Kuantil (jumlah RW sama)',
    'peta.method.EQUAL_INTERVAL': 'Rentang sama', 'peta.method.WHO_PREVALENCE_THRESHOLDS': 'Ambang WHO–UNICEF',
    'peta.fit': 'Lihat seluruh wilayah',
    'peta.more': 'Cara membagi kelas dan penghalusan',
    'peta.stable': 'Haluskan angka RW kecil (empirical Bayes)',
    'peta.stable-hint': 'Satu kasus di RW kecil tidak langsung membuat angka tinggi.',
    'peta.loading': 'Memuat peta…',
    'peta.drawn': '{classed} dari {total} RW berwarna · {indicator} · {period}',
    'peta.layers': 'Lapisan peta',
    'peta.layer.fasilitas': 'Puskesmas dan posyandu',
    'peta.layer.kleopatra': 'KLEOPATRA (stunting, TB, miskin ekstrem)',
    'peta.layer.akses': 'Waktu tempuh ke puskesmas',
    'peta.layer.panas': 'Peta panas kasus (heksagon)',
    'peta.legend': 'Keterangan',
    'peta.legend-no-data': 'Tanpa nilai ({n} RW): lihat alasannya di daftar',
    'peta.legend-rws': '{n} RW',
    'peta.legend-method': 'Kelas dari server: {method}, {classes} kelas.',
    'peta.who-level.very low': 'sangat rendah', 'peta.who-level.low': 'rendah', 'peta.who-level.medium': 'sedang',
    'peta.who-level.high': 'tinggi', 'peta.who-level.very high': 'sangat tinggi',
    'peta.completeness': 'Kelengkapan data periode ini',
    'peta.register.EPPGBM': 'e-PPGBM (gizi balita)', 'peta.register.SITB': 'SITB (TB)',
    'peta.register.P3KE': 'P3KE/DTSEN (kemiskinan)', 'peta.register.PERMAISURI': 'PERMAISURI (ibu dan bayi)',
    'peta.status.COMPLETE': 'lengkap', 'peta.status.PARTIAL_PERIOD': 'sebagian ({share})', 'peta.status.NO_DATA': 'belum ada data',
    'peta.status.snapshot': 'data per {date}',
    'peta.missing.NO_DATA': 'Belum ada data untuk periode ini',
    'peta.missing.PARTIAL_PERIOD': 'Data periode ini belum lengkap',
    'peta.missing.SUPPRESSED': 'Disembunyikan: jumlah kecil (1–4), demi privasi',
    'peta.missing.NO_DENOMINATOR': 'Tidak bisa dihitung: tidak ada yang menjadi dasar perhitungannya pada periode ini (penyebut 0)',
    'peta.missing.NO_DENOMINATOR.tbTreatmentSuccessRate': 'Belum bisa dihitung: belum ada kasus TB periode ini yang hasil pengobatannya sudah tercatat (pengobatan berlangsung sekitar 6 bulan; pilih periode yang lebih awal)',
    'peta.none-drawn': 'Tidak ada RW yang punya nilai. {reason}.',
    'peta.missing.unknown': 'Tidak ada nilai',
    'peta.unit.per100k': '{n} per 100.000', 'peta.unit.per1000': '{n} per 1.000',
    'peta.fasilitas.puskesmas': 'Puskesmas ({n})', 'peta.fasilitas.posyandu': 'Posyandu ({n})',
    'peta.kleopatra.legend': 'RW KLEOPATRA: {n} RW memenuhi ≥ 2 dari 3 kriteria',
    'peta.kleopatra.rule': 'Kriteria: prevalensi stunting ≥ 20 %, TB ≥ 300 per 100.000 (12 bulan), rumah tangga miskin ekstrem ≥ 2 %, dengan angka yang dihaluskan.',
    'peta.kleopatra.mark': 'KLEOPATRA',
    'peta.kleopatra.short': '{met}/3',
    'peta.kleopatra.criteria': 'KLEOPATRA: {met} dari 3 kriteria',
    'peta.kleopatra.unknown': 'KLEOPATRA: {unknown} kriteria tidak diketahui',
    'peta.kleopatra.stunting': 'Stunting', 'peta.kleopatra.tb': 'TB', 'peta.kleopatra.extremePoverty': 'Miskin ekstrem',
    'peta.kleopatra.yes': 'ya', 'peta.kleopatra.no': 'tidak', 'peta.kleopatra.null': 'tidak diketahui',
    'peta.akses.legend': 'Waktu tempuh sepeda motor dari titik RW ke puskesmas penanggung jawab',
    'peta.akses.class': '{from}–{to} menit', 'peta.akses.class-open': '> {from} menit',
    'peta.akses.unassigned': 'Tanpa satu puskesmas penanggung jawab',
    'peta.akses.coverage': '{people} dari {total} penduduk ({share}) tinggal ≤ 30 menit dari puskesmas penanggung jawabnya.',
    'peta.akses.coverage-unassigned': '{n} RW belum punya satu puskesmas penanggung jawab.',
    'peta.akses.minutes': '{n} menit', 'peta.akses.km': '{n} km',
    'peta.akses.estimate': 'perkiraan (jalan tidak terjangkau)',
    'peta.akses.status.NO_WILAYAH_KERJA': 'Belum masuk wilayah kerja puskesmas mana pun',
    'peta.akses.status.SEVERAL_WILAYAH_KERJA': 'Masuk wilayah kerja beberapa puskesmas: {names}',
    'peta.panas.indicator': 'Kasus di peta panas',
    'peta.panas.hex.STUNTED': 'Balita stunting', 'peta.panas.hex.TB_NOTIFICATIONS': 'Kasus TB',
    'peta.panas.hex.LOW_BIRTH_WEIGHT_BIRTHS': 'Bayi BBLR',
    'peta.panas.title': 'Jumlah per heksagon {size} m · {period}',
    'peta.panas.none': 'tidak ada',
    'peta.panas.suppressed': 'Disembunyikan (1–4 kasus) · {n} heksagon',
    'peta.panas.hexes': '{n} heksagon',
    'peta.panas.placed': 'Di peta: {share} catatan (yang punya titik lokasi); sisanya hanya diketahui RW-nya.',
    'peta.panas.placed-unknown': 'Bagian catatan yang punya titik lokasi tidak diketahui.',
    'peta.panas.year-only': 'Peta panas tersedia per bulan atau per tahun: ditampilkan tahun {year}.',
    'peta.selected': 'RW terpilih',
    'peta.selected-bar': 'Terpilih: {name}, {kelurahan} — {value}',
    'peta.selected-announce': '{name}, {kelurahan} dipilih',
    'peta.details-link': 'Lihat rincian',
    'peta.details': 'Rincian {name}',
    'peta.details-none': 'Pilih RW di peta atau di daftar RW untuk melihat rinciannya.',
    'peta.details-inexact': 'Angka kecil (1–4) disembunyikan untuk peran Anda di RW ini.',
    'peta.details-access': 'Akses ke puskesmas',
    'peta.details-clear': 'Batalkan pilihan',
    'peta.field': 'Indikator', 'peta.value': 'Nilai',
    'peta.field.population': 'Penduduk', 'peta.field.balitaTargeted': 'Sasaran balita',
    'peta.field.childrenMeasured': 'Balita ditimbang (anak-bulan)', 'peta.field.measurementCoverage': 'Cakupan penimbangan',
    'peta.field.stunted': 'Balita stunting (anak-bulan)', 'peta.field.stuntingPrevalence': 'Prevalensi stunting',
    'peta.field.severelyStunted': 'Balita sangat pendek (anak-bulan)', 'peta.field.severeStuntingPrevalence': 'Prevalensi sangat pendek',
    'peta.field.wastingPrevalence': 'Prevalensi gizi kurang (wasting)', 'peta.field.underweightPrevalence': 'Prevalensi berat badan kurang',
    'peta.field.tbNotifications': 'Kasus TB ditemukan', 'peta.field.tbNotificationsPer100k': 'Kasus TB per 100.000 (12 bulan)',
    'peta.field.tbTreatmentSuccessRate': 'Keberhasilan pengobatan TB',
    'peta.field.extremePoorHouseholds': 'Rumah tangga miskin ekstrem', 'peta.field.extremePoorShare': 'Persentase rumah tangga miskin ekstrem',
    'peta.field.births': 'Kelahiran', 'peta.field.lowBirthWeightBirths': 'Bayi berat lahir rendah (BBLR)',
    'peta.field.lowBirthWeightOverdueFollowUps': 'Kunjungan BBLR terlambat', 'peta.field.highRiskPregnancies': 'Ibu hamil risiko tinggi',
    'peta.field.maternalDeaths': 'Kematian ibu', 'peta.field.infantDeaths': 'Kematian bayi',
    'peta.field.maternalMortalityRatio': 'Angka kematian ibu (per 100.000 kelahiran)',
    'peta.field.infantMortalityRate': 'Angka kematian bayi (per 1.000 kelahiran)',
    'peta.field.asOf': 'data per {date}',
    'peta.trend': 'Tren 12 bulan · {name}',
    'peta.trend-loading': 'Memuat tren…',
    'peta.trend-summary': '{indicator}, {name}, {from}–{to}: {first} menjadi {last}; {missing} bulan tanpa nilai.',
    'peta.trend-table': 'Lihat sebagai tabel',
    'peta.trend-month': 'Bulan', 'peta.trend-note': 'Keterangan',
    'peta.trend-unstable': 'kurang dari 20 kasus: baca dengan hati-hati',
    'peta.trend-band': 'Selang kepercayaan 95 %',
    'peta.list': 'Daftar RW',
    'peta.list-hint': 'Pilih RW untuk melihat rincian dan trennya. Diurutkan dari nilai tertinggi.',
    'peta.list-filter': 'Kelurahan',
    'peta.list-all': 'Semua kelurahan ({n} RW)',
    'peta.list-sort': 'Urutkan',
    'peta.list-sort.value': 'Nilai tertinggi dulu', 'peta.list-sort.code': 'Kode RW',
    'peta.list-rw': 'RW', 'peta.list-kelurahan': 'Kelurahan', 'peta.list-value': 'Nilai', 'peta.list-class': 'Kelas',
    'peta.list-choose': 'Pilih {name}, {kelurahan}',
    'peta.downloads': 'Unduh data RW',
    'peta.downloads-hint': 'Angka yang sama dengan peta, untuk periode ini (GeoJSON dan GeoPackage untuk QGIS, CSV untuk spreadsheet).',
    'peta.download': 'Unduh {format}',
    'peta.downloaded': '{file} diunduh.',
    'peta.download-failed': 'Gagal mengunduh: {message}',
    'peta.layer-failed': 'Lapisan tidak dapat dimuat: {message}',
    'peta.no-scope': 'Peran Anda tidak memiliki wilayah untuk dipetakan.',
  },
  en: {
    'peta.title': 'RW indicator map',
    'peta.map-label': 'Map of the RWs of {region}: {indicator}, {period}. The RW list below holds the same figures.',
    'peta.controls': 'What is mapped',
    'peta.indicator': 'Indicator',
    'peta.period': 'Period',
    'peta.period-months': 'Months', 'peta.period-quarters': 'Quarters', 'peta.period-years': 'Years',
    'peta.period-partial': '{label} (data incomplete)',
    'peta.quarter': 'Q{q} {year}', 'peta.year': 'Year {year}',
    'peta.region': 'Area',
    'peta.method': 'How classes are made',
    'peta.method.NATURAL_BREAKS': 'Natural breaks (Jenks)', 'peta.method.QUANTILE': 'Quantiles (equal RW counts)',
    'peta.method.EQUAL_INTERVAL': 'Equal intervals', 'peta.method.WHO_PREVALENCE_THRESHOLDS': 'WHO–UNICEF thresholds',
    'peta.fit': 'Show the whole area',
    'peta.more': 'Classes and smoothing',
    'peta.stable': 'Smooth small RWs (empirical Bayes)',
    'peta.stable-hint': 'One case in a small RW does not make it a hotspot.',
    'peta.loading': 'Loading the map…',
    'peta.drawn': '{classed} of {total} RWs coloured · {indicator} · {period}',
    'peta.layers': 'Map layers',
    'peta.layer.fasilitas': 'Puskesmas and posyandu',
    'peta.layer.kleopatra': 'KLEOPATRA (stunting, TB, extreme poverty)',
    'peta.layer.akses': 'Travel time to the puskesmas',
    'peta.layer.panas': 'Case heat map (hexagons)',
    'peta.legend': 'Legend',
    'peta.legend-no-data': 'No value ({n} RWs): see why in the list',
    'peta.legend-rws': '{n} RWs',
    'peta.legend-method': 'Classes from the server: {method}, {classes} classes.',
    'peta.who-level.very low': 'very low', 'peta.who-level.low': 'low', 'peta.who-level.medium': 'medium',
    'peta.who-level.high': 'high', 'peta.who-level.very high': 'very high',
    'peta.completeness': 'Data completeness of this period',
    'peta.register.EPPGBM': 'e-PPGBM (child growth)', 'peta.register.SITB': 'SITB (TB)',
    'peta.register.P3KE': 'P3KE/DTSEN (poverty)', 'peta.register.PERMAISURI': 'PERMAISURI (mothers and babies)',
    'peta.status.COMPLETE': 'complete', 'peta.status.PARTIAL_PERIOD': 'partial ({share})', 'peta.status.NO_DATA': 'no data yet',
    'peta.status.snapshot': 'as of {date}',
    'peta.missing.NO_DATA': 'No data for this period yet',
    'peta.missing.PARTIAL_PERIOD': 'The data of this period are incomplete',
    'peta.missing.SUPPRESSED': 'Hidden: a small count (1–4), for privacy',
    'peta.missing.NO_DENOMINATOR': 'Cannot be computed: nothing in this period to compute it from (denominator 0)',
    'peta.missing.NO_DENOMINATOR.tbTreatmentSuccessRate': 'Not yet computable: no TB case of this period has a recorded treatment outcome yet (treatment takes about 6 months; choose an earlier period)',
    'peta.none-drawn': 'No RW has a value. {reason}.',
    'peta.missing.unknown': 'No value',
    'peta.unit.per100k': '{n} per 100,000', 'peta.unit.per1000': '{n} per 1,000',
    'peta.fasilitas.puskesmas': 'Puskesmas ({n})', 'peta.fasilitas.posyandu': 'Posyandu ({n})',
    'peta.kleopatra.legend': 'KLEOPATRA RWs: {n} RWs meet ≥ 2 of 3 criteria',
    'peta.kleopatra.rule': 'Criteria: stunting prevalence ≥ 20 %, TB ≥ 300 per 100,000 (12 months), extreme-poor households ≥ 2 %, by the smoothed figures.',
    'peta.kleopatra.mark': 'KLEOPATRA',
    'peta.kleopatra.short': '{met}/3',
    'peta.kleopatra.criteria': 'KLEOPATRA: {met} of 3 criteria',
    'peta.kleopatra.unknown': 'KLEOPATRA: {unknown} criteria unknown',
    'peta.kleopatra.stunting': 'Stunting', 'peta.kleopatra.tb': 'TB', 'peta.kleopatra.extremePoverty': 'Extreme poverty',
    'peta.kleopatra.yes': 'yes', 'peta.kleopatra.no': 'no', 'peta.kleopatra.null': 'unknown',
    'peta.akses.legend': 'Travel time by motorbike from the RW point to its responsible puskesmas',
    'peta.akses.class': '{from}–{to} min', 'peta.akses.class-open': '> {from} min',
    'peta.akses.unassigned': 'No single responsible puskesmas',
    'peta.akses.coverage': '{people} of {total} people ({share}) live ≤ 30 minutes from their responsible puskesmas.',
    'peta.akses.coverage-unassigned': '{n} RWs have no single responsible puskesmas yet.',
    'peta.akses.minutes': '{n} min', 'peta.akses.km': '{n} km',
    'peta.akses.estimate': 'estimate (the road network does not reach)',
    'peta.akses.status.NO_WILAYAH_KERJA': 'In no puskesmas wilayah kerja yet',
    'peta.akses.status.SEVERAL_WILAYAH_KERJA': 'In the wilayah kerja of several puskesmas: {names}',
    'peta.panas.indicator': 'Cases on the heat map',
    'peta.panas.hex.STUNTED': 'Stunted children', 'peta.panas.hex.TB_NOTIFICATIONS': 'TB cases',
    'peta.panas.hex.LOW_BIRTH_WEIGHT_BIRTHS': 'Low birth weight babies',
    'peta.panas.title': 'Count per {size} m hexagon · {period}',
    'peta.panas.none': 'none',
    'peta.panas.suppressed': 'Hidden (1–4 cases) · {n} hexagons',
    'peta.panas.hexes': '{n} hexagons',
    'peta.panas.placed': 'On the map: {share} of the records (those with a location point); the others are known by RW only.',
    'peta.panas.placed-unknown': 'The share of records with a location point is unknown.',
    'peta.panas.year-only': 'The heat map is by month or by year: showing the year {year}.',
    'peta.selected': 'Selected RW',
    'peta.selected-bar': 'Selected: {name}, {kelurahan} — {value}',
    'peta.selected-announce': '{name}, {kelurahan} selected',
    'peta.details-link': 'See details',
    'peta.details': 'Details of {name}',
    'peta.details-none': 'Choose an RW on the map or in the RW list to see its details.',
    'peta.details-inexact': 'Small counts (1–4) are hidden for your role in this RW.',
    'peta.details-access': 'Access to the puskesmas',
    'peta.details-clear': 'Clear the selection',
    'peta.field': 'Indicator', 'peta.value': 'Value',
    'peta.field.population': 'Population', 'peta.field.balitaTargeted': 'Balita targeted',
    'peta.field.childrenMeasured': 'Balita measured (child-months)', 'peta.field.measurementCoverage': 'Measurement coverage',
    'peta.field.stunted': 'Stunted balita (child-months)', 'peta.field.stuntingPrevalence': 'Stunting prevalence',
    'peta.field.severelyStunted': 'Severely stunted (child-months)', 'peta.field.severeStuntingPrevalence': 'Severe stunting prevalence',
    'peta.field.wastingPrevalence': 'Wasting prevalence', 'peta.field.underweightPrevalence': 'Underweight prevalence',
    'peta.field.tbNotifications': 'TB cases notified', 'peta.field.tbNotificationsPer100k': 'TB cases per 100,000 (12 months)',
    'peta.field.tbTreatmentSuccessRate': 'TB treatment success',
    'peta.field.extremePoorHouseholds': 'Extreme-poor households', 'peta.field.extremePoorShare': 'Share of extreme-poor households',
    'peta.field.births': 'Births', 'peta.field.lowBirthWeightBirths': 'Low birth weight babies (BBLR)',
    'peta.field.lowBirthWeightOverdueFollowUps': 'Overdue BBLR follow-ups', 'peta.field.highRiskPregnancies': 'High-risk pregnancies',
    'peta.field.maternalDeaths': 'Maternal deaths', 'peta.field.infantDeaths': 'Infant deaths',
    'peta.field.maternalMortalityRatio': 'Maternal mortality ratio (per 100,000 births)',
    'peta.field.infantMortalityRate': 'Infant mortality rate (per 1,000 births)',
    'peta.field.asOf': 'as of {date}',
    'peta.trend': '12-month trend · {name}',
    'peta.trend-loading': 'Loading the trend…',
    'peta.trend-summary': '{indicator}, {name}, {from}–{to}: {first} to {last}; {missing} months without a value.',
    'peta.trend-table': 'Show as a table',
    'peta.trend-month': 'Month', 'peta.trend-note': 'Note',
    'peta.trend-unstable': 'fewer than 20 cases: read with care',
    'peta.trend-band': '95 % confidence interval',
    'peta.list': 'RW list',
    'peta.list-hint': 'Choose an RW to see its details and trend. Highest value first.',
    'peta.list-filter': 'Kelurahan',
    'peta.list-all': 'All kelurahan ({n} RWs)',
    'peta.list-sort': 'Sort by',
    'peta.list-sort.value': 'Highest value first', 'peta.list-sort.code': 'RW code',
    'peta.list-rw': 'RW', 'peta.list-kelurahan': 'Kelurahan', 'peta.list-value': 'Value', 'peta.list-class': 'Class',
    'peta.list-choose': 'Choose {name}, {kelurahan}',
    'peta.downloads': 'Download the RW data',
    'peta.downloads-hint': 'The figures of the map for this period (GeoJSON and GeoPackage for QGIS, CSV for a spreadsheet).',
    'peta.download': 'Download {format}',
    'peta.downloaded': '{file} downloaded.',
    'peta.download-failed': 'Download failed: {message}',
    'peta.layer-failed': 'The layer could not be loaded: {message}',
    'peta.no-scope': 'Your role has no area to map.',
  },
});
/** An indicator's name: the name of the field it maps. */
function indLabel(key) {
  return t('peta.field.' + INDICATOR[key].field);
}

// ------------------------------------------------------------------ formatting

/** A value in its unit, or null when there is none (the caller then says why). */
function fmtValue(value, unit, digits) {
  if (value === null || value === undefined) return null;
  if (unit === 'share') return fmtPercent(value, digits ?? 1);
  if (unit === 'per100k') return t('peta.unit.per100k', { n: fmtNumber(value, digits ?? 0) });
  if (unit === 'per1000') return t('peta.unit.per1000', { n: fmtNumber(value, digits ?? 1) });
  return fmtNumber(value, digits);
}

/** The bare number of a legend bound (no "per 100,000"). */
function fmtBound(value, unit, digits) {
  if (unit === 'share') return fmtPercent(value, digits ?? 1);
  if (unit === 'count') return fmtNumber(value, 0);
  return fmtNumber(value, digits ?? (unit === 'per1000' ? 1 : 0));
}

/** Why a field of an AreaIndicators row is null, in words. */
function whyMissing(row, fieldName) {
  const m = row && row.missing.find((x) => x.field === fieldName);
  return missingText(m ? m.reason : 'unknown', fieldName);
}

/** A reason in words, the indicator's own wording where it has one (TB treatment success waits for outcomes). */
function missingText(reason, fieldName) {
  const own = 'peta.missing.' + reason + '.' + fieldName;
  return t(own) !== own ? t(own) : t('peta.missing.' + reason);
}

function fieldText(row, fieldName, unit) {
  return fmtValue(row[fieldName], unit) ?? whyMissing(row, fieldName);
}

/** A legend class in the reader's language: counts as the whole numbers the class holds, WHO levels as published. */
function classLabel(c, unit, method) {
  if (method === 'WHO_PREVALENCE_THRESHOLDS') {
    const text = c.classIndex === 0 ? '< ' + fmtBound(c.upper, unit)
      : c.upper === null ? '≥ ' + fmtBound(c.lower, unit) : fmtBound(c.lower, unit) + ' – < ' + fmtBound(c.upper, unit);
    return c.level ? t('peta.who-level.' + c.level) + ': ' + text : text;
  }
  if (unit === 'count') {
    const low = c.classIndex === 0 ? Math.ceil(c.lower) : Math.floor(c.lower) + 1;
    const high = Math.floor(c.upper ?? c.lower);
    return low >= high ? fmtNumber(high, 0) : fmtNumber(low, 0) + ' – ' + fmtNumber(high, 0);
  }
  if (c.upper === null || c.upper === c.lower) return fmtBound(c.lower, unit);
  let digits;
  for (let d = unit === 'share' ? 1 : 0; d <= 4; d++) {
    digits = d;
    if (fmtBound(c.lower, unit, d) !== fmtBound(c.upper, unit, d)) break;
  }
  return fmtBound(c.lower, unit, digits) + ' – ' + fmtBound(c.upper, unit, digits);
}

// ------------------------------------------------------------------ periods

/** '2026-05' | '2026-Q2' | '2026' → the GraphQL IndicatorPeriodInput. */
function periodInput(key) {
  const m = key.match(/^(\d{4})(?:-(Q)?(\d{1,2}))?$/);
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[3]) return { year };
  return m[2] ? { year, quarter: Number(m[3]) } : { year, month: Number(m[3]) };
}

function periodLabel(key) {
  const p = periodInput(key);
  if (p.month) return fmtMonth(p.year, p.month);
  if (p.quarter) return t('peta.quarter', { q: p.quarter, year: p.year });
  return t('peta.year', { year: p.year });
}

/** The last month ('yyyy-MM') of a period. */
function lastMonthOf(key) {
  const p = periodInput(key);
  const month = p.month || (p.quarter ? p.quarter * 3 : 12);
  return p.year + '-' + String(month).padStart(2, '0');
}

function addMonths(yyyymm, n) {
  const [y, m] = yyyymm.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.getUTCFullYear() + '-' + String(d.getUTCMonth() + 1).padStart(2, '0');
}

/**
 * The periods to offer, from what the registers cover: every month any of e-PPGBM, SITB and PERMAISURI covers (at
 * least partly), with e-PPGBM's status; the quarters and years holding them. Default: the latest month e-PPGBM covers
 * completely (a month in progress would read as no data), else the latest month with any data.
 */
function periodsOf(availability) {
  const months = new Map();
  let latestComplete = null;
  for (const r of availability.registers) {
    if (r.register === 'P3KE') continue;
    for (const p of r.periods) {
      if (p.status === 'NO_DATA') continue;
      const key = p.period;
      const entry = months.get(key) || { key, complete: false };
      if (r.register === 'EPPGBM' && p.status === 'COMPLETE') {
        entry.complete = true;
        if (!latestComplete || key > latestComplete) latestComplete = key;
      }
      months.set(key, entry);
    }
  }
  const list = [...months.values()].sort((a, b) => (a.key < b.key ? 1 : -1));
  const quarters = [...new Set(list.map((m) => m.key.slice(0, 4) + '-Q' + Math.ceil(Number(m.key.slice(5, 7)) / 3)))];
  const years = [...new Set(list.map((m) => m.key.slice(0, 4)))];
  const latest = list.length ? list[0].key : null;
  return { months: list, quarters, years, latest, fallback: latestComplete || latest };
}

function kabkotaOf(code) {
  return code.split('.').slice(0, 2).join('.');
}

function kelurahanOf(rwCode) {
  return rwCode.replace(/\.RW\d+$/, '');
}

// ------------------------------------------------------------------ the screen

let currentMap = null;
let renders = 0;

export default {
  id: 'peta',
  roles: ['DINKES_ADMIN', 'PLANNER', 'CAMAT', 'LURAH', 'PUSKESMAS_STAFF'],
  async render(root, ctx) {
    if (currentMap) { currentMap.remove(); currentMap = null; }
    // A newer render (language switch, another area) supersedes this one: its late answers are dropped quietly.
    const mine = ++renders;
    const alive = () => mine === renders;
    const hook = { ready: false, error: null, region: null, period: null, indicator: null, method: null, classed: 0,
      total: 0, legend: [], selected: null, details: null, trend: null, list: 0, downloads: [],
      layers: { fasilitas: null, kleopatra: null, akses: null, panas: null }, busy: 0 };
    window.atlasPeta = hook;
    const params = ctx.params;
    const scope = (ctx.me.scope || []).filter(Boolean);
    const message = h('p', { class: 'status', hidden: true });
    if (!scope.length) {
      fill(root, h('h1', {}, t('peta.title')), message);
      status(message, t('peta.no-scope'), 'error');
      return;
    }
    const region = scope.includes(params.get('region')) ? params.get('region') : scope[0];
    const kabkota = kabkotaOf(region);
    const s = {
      region,
      indicator: INDICATOR[params.get('ind')] ? params.get('ind') : 'STUNTING_PREVALENCE',
      method: METHODS.includes(params.get('m')) ? params.get('m') : 'NATURAL_BREAKS',
      stable: params.get('est') === 'STABLE',
      period: params.get('per'),
      selected: params.get('rw'),
      layers: new Set((params.get('layers') || '').split(',').filter((l) => LAYERS.includes(l))),
      hexIndicator: HEX_INDICATORS.includes(params.get('hx')) ? params.get('hx') : null,
      listKelurahan: params.get('kel') || '',
      listSort: params.get('sort') === 'code' ? 'code' : 'value',
    };
    const saveParams = () => {
      const p = { region: s.region, ind: s.indicator, per: s.period, m: s.method };
      if (s.stable) p.est = 'STABLE';
      if (s.selected) p.rw = s.selected;
      if (s.layers.size) p.layers = [...s.layers].join(',');
      if (s.hexIndicator) p.hx = s.hexIndicator;
      if (s.listKelurahan) p.kel = s.listKelurahan;
      if (s.listSort !== 'value') p.sort = s.listSort;
      ctx.setParams(p);
    };

    // ---- skeleton: map first (above on a phone), then the panel
    const title = h('h1', {}, t('peta.title'));
    const syntheticBadge = h('span', { class: 'badge', hidden: true }, t('app.synthetic'));
    const mapEl = h('div', { class: 'map', id: 'peta-map', role: 'region', 'aria-label': t('peta.title') });
    const selectionBar = h('div', { class: 'peta-selection', id: 'peta-selection', hidden: true });
    const indicatorSelect = h('select', { id: 'peta-indicator' },
      INDICATORS.map((i) => h('option', { value: i.key, selected: i.key === s.indicator }, indLabel(i.key))));
    const periodSelect = h('select', { id: 'peta-period' });
    const methodSelect = h('select', { id: 'peta-method' });
    const stableBox = h('input', { type: 'checkbox', id: 'peta-stable', checked: s.stable });
    const stableField = h('div', { class: 'check' }, stableBox, h('label', { for: 'peta-stable' }, t('peta.stable')),
      h('small', { class: 'hint' }, t('peta.stable-hint')));
    // Several areas in scope (a puskesmas's wilayah kerja): one at a time, by name.
    const regionNames = scope.length > 1
      ? await Promise.all(scope.map((c) => gql('common', 'AreaRegion', { code: c }).then((d) => (d.region ? d.region.name : c))))
      : [];
    const regionSelect = scope.length > 1
      ? field(t('peta.region'), h('select', { id: 'peta-region', onchange: (e) => { s.region = e.target.value; s.selected = null; s.listKelurahan = ''; saveParams(); ctx.rerender(); } },
        scope.map((c, i) => h('option', { value: c, selected: c === region }, regionNames[i]))))
      : null;
    const fitButton = h('button', { type: 'button', id: 'peta-fit' }, t('peta.fit'));
    const layerBoxes = Object.fromEntries(LAYERS.map((l) => [l, h('input', {
      type: 'checkbox', id: 'peta-layer-' + l, checked: s.layers.has(l), dataset: { layer: l },
    })]));
    const legendEl = h('div', { id: 'peta-legend', class: 'peta-legend' });
    const layerLegends = Object.fromEntries(LAYERS.map((l) => [l, h('div', { id: 'peta-legend-' + l, class: 'peta-legend', hidden: true })]));
    const completenessEl = h('div', { id: 'peta-completeness', class: 'hint' });
    const detailsEl = h('section', { id: 'peta-details', class: 'card', 'aria-labelledby': 'peta-details-title' });
    const trendEl = h('section', { id: 'peta-trend', class: 'card', 'aria-labelledby': 'peta-trend-title' });
    const listBody = h('tbody');
    const kelurahanSelect = h('select', { id: 'peta-list-kelurahan' });
    const sortSelect = h('select', { id: 'peta-list-sort' },
      ['value', 'code'].map((v) => h('option', { value: v, selected: v === s.listSort }, t('peta.list-sort.' + v))));
    const valueHeader = h('th', { scope: 'col', class: 'num' }, t('peta.list-value'));
    const downloadButtons = ['geojson', 'gpkg', 'csv'].map((ext) => h('button', {
      type: 'button', id: 'peta-download-' + ext, dataset: { format: ext },
    }, t('peta.download', { format: { geojson: 'GeoJSON', gpkg: 'GeoPackage', csv: 'CSV' }[ext] })));

    fill(root,
      h('div', { class: 'peta-head' }, title, syntheticBadge),
      message,
      h('div', { class: 'split peta' },
        mapEl,
        h('div', { class: 'panel' },
          selectionBar,
          h('section', { class: 'card', 'aria-labelledby': 'peta-controls-title' },
            h('h2', { id: 'peta-controls-title' }, t('peta.controls')),
            regionSelect,
            field(t('peta.indicator'), indicatorSelect),
            field(t('peta.period'), periodSelect),
            h('details', { class: 'peta-more', open: s.method !== 'NATURAL_BREAKS' || s.stable },
              h('summary', {}, t('peta.more')),
              field(t('peta.method'), methodSelect),
              stableField),
            h('div', { class: 'actions' }, fitButton)),
          h('section', { class: 'card', 'aria-labelledby': 'peta-legend-title' },
            h('h2', { id: 'peta-legend-title' }, t('peta.legend')),
            legendEl,
            h('fieldset', { class: 'peta-layers' }, h('legend', {}, t('peta.layers')),
              LAYERS.map((l) => h('div', { class: 'check' }, layerBoxes[l], h('label', { for: 'peta-layer-' + l }, t('peta.layer.' + l))))),
            LAYERS.map((l) => layerLegends[l]),
            completenessEl),
          detailsEl,
          trendEl,
          h('section', { class: 'card', 'aria-labelledby': 'peta-downloads-title' },
            h('h2', { id: 'peta-downloads-title' }, t('peta.downloads')),
            h('p', { class: 'hint' }, t('peta.downloads-hint')),
            h('div', { class: 'actions' }, downloadButtons)),
          h('section', { class: 'card', 'aria-labelledby': 'peta-list-title' },
            h('h2', { id: 'peta-list-title' }, t('peta.list')),
            h('p', { class: 'hint' }, t('peta.list-hint')),
            h('div', { class: 'row' }, field(t('peta.list-filter'), kelurahanSelect), field(t('peta.list-sort'), sortSelect)),
            h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('peta.list') },
              h('table', { id: 'peta-list', class: 'peta-list' },
                h('caption', { class: 'sr-only' }, t('peta.list')),
                h('thead', {}, h('tr', {},
                  h('th', { scope: 'col' }, t('peta.list-rw')),
                  h('th', { scope: 'col' }, t('peta.list-kelurahan')),
                  valueHeader,
                  h('th', { scope: 'col' }, t('peta.kleopatra.mark')))),
                listBody))))));
    status(message, t('peta.loading'));
    detailsEl.append(h('h2', { id: 'peta-details-title' }, t('peta.selected')), h('p', { class: 'muted' }, t('peta.details-none')));

    // ---- the map, the boundaries and the periods, in parallel
    const [map, availability] = await Promise.all([
      createMap(mapEl, { label: t('peta.title') }),
      gql('peta', 'PetaAvailability', { kabkota }).then((d) => d.dataAvailability),
    ]);
    if (!alive()) { map.remove(); return; }
    currentMap = map;
    hook.map = map;
    const periods = periodsOf(availability);
    const known = new Set([...periods.months.map((m) => m.key), ...periods.quarters, ...periods.years]);
    if (!s.period || !periodInput(s.period)) s.period = periods.fallback || new Date().toISOString().slice(0, 7);
    fill(periodSelect,
      !known.has(s.period) ? h('option', { value: s.period }, periodLabel(s.period)) : null,
      h('optgroup', { label: t('peta.period-months') }, periods.months.map((m) => h('option', { value: m.key, selected: m.key === s.period },
        m.complete ? periodLabel(m.key) : t('peta.period-partial', { label: periodLabel(m.key) })))),
      h('optgroup', { label: t('peta.period-quarters') }, periods.quarters.map((q) => h('option', { value: q, selected: q === s.period }, periodLabel(q)))),
      h('optgroup', { label: t('peta.period-years') }, periods.years.map((y) => h('option', { value: y, selected: y === s.period }, periodLabel(y)))));
    periodSelect.value = s.period;

    const boundaries = await addBoundaries(map, region, { rwLabelZoom: 14 });
    if (!alive()) return;
    const rwGeometry = new Map(boundaries.rw.features.map((f) => [f.properties.code, f]));
    const rwLabel = new Map(boundaries.markers.filter((m) => m.getElement().classList.contains('rw'))
      .map((m) => [m.getElement().dataset.code, m.getLngLat()]));
    map.setPaintProperty('rw-fill', 'fill-opacity', 0.8);
    const empty = { type: 'FeatureCollection', features: [] };
    map.addLayer({ id: 'kleopatra-line', type: 'line', source: 'rw', layout: { visibility: 'none' },
      filter: ['in', ['get', 'code'], ['literal', []]],
      paint: { 'line-color': KLEOPATRA_COLOR, 'line-width': 3.5, 'line-offset': 1.5 } });
    map.addLayer({ id: 'rw-selected', type: 'line', source: 'rw', filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': SELECTED_COLOR, 'line-width': 4 } });
    map.addSource('akses', { type: 'geojson', data: empty });
    map.addLayer({ id: 'akses-points', type: 'circle', source: 'akses', layout: { visibility: 'none' },
      paint: { 'circle-radius': 4.5, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#1f2933', 'circle-stroke-width': 1.2 } });
    map.addSource('fasilitas', { type: 'geojson', data: empty });
    map.addLayer({ id: 'posyandu', type: 'circle', source: 'fasilitas', filter: ['==', ['get', 'type'], 'POSYANDU'],
      layout: { visibility: 'none' },
      paint: { 'circle-radius': 3.5, 'circle-color': POSYANDU_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } });
    map.addLayer({ id: 'puskesmas', type: 'circle', source: 'fasilitas', filter: ['==', ['get', 'type'], 'PUSKESMAS'],
      layout: { visibility: 'none' },
      paint: { 'circle-radius': 7, 'circle-color': PUSKESMAS_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });

    // ---- the choropleth and everything that depends on indicator and period
    let report = null;
    let rowsByCode = new Map();
    let choroplethByCode = new Map();
    let kleopatraByCode = new Map();
    let kelurahanName = new Map();
    let generation = 0;

    function methodOptions() {
      const allowed = METHODS.filter((m) => m !== 'WHO_PREVALENCE_THRESHOLDS' || INDICATOR[s.indicator].who);
      if (!allowed.includes(s.method)) s.method = 'NATURAL_BREAKS';
      fill(methodSelect, allowed.map((m) => h('option', { value: m, selected: m === s.method }, t('peta.method.' + m))));
      const rate = INDICATOR[s.indicator].unit !== 'count';
      stableBox.disabled = !rate;
      if (!rate) { s.stable = false; stableBox.checked = false; }
    }

    async function loadChoropleth() {
      const current = ++generation;
      hook.ready = false;
      hook.busy++;
      status(message, t('peta.loading'));
      try {
        const data = await gql('peta', 'PetaMap', {
          region, period: periodInput(s.period), indicator: s.indicator, method: s.method, classes: 5,
          estimate: s.stable ? 'STABLE' : 'CRUDE',
        });
        if (current !== generation || !alive()) return;
        report = data.rwIndicators;
        rowsByCode = new Map(report.rws.filter((r) => r.level === 'RW').map((r) => [r.regionCode, r]));
        choroplethByCode = new Map(report.choropleth.rws.map((r) => [r.regionCode, r]));
        kleopatraByCode = new Map(report.kleopatra.map((k) => [k.regionCode, k]));
        kelurahanName = new Map(report.kelurahan.map((k) => [k.regionCode, k.name]));
        if (!kelurahanName.has(region) && report.total.level === 'KELURAHAN') kelurahanName.set(region, report.total.name);
        colorRws(map, Object.fromEntries(report.choropleth.rws.filter((r) => r.color).map((r) => [r.regionCode, r.color])));
        map.setPaintProperty('rw-fill', 'fill-opacity', s.layers.has('panas') ? 0.3 : 0.8);
        map.setFilter('kleopatra-line', ['in', ['get', 'code'], ['literal', report.kleopatra.map((k) => k.regionCode)]]);
        syntheticBadge.hidden = !report.synthetic;
        title.textContent = t('peta.title') + ' · ' + report.total.name;
        mapEl.setAttribute('aria-label', t('peta.map-label', { region: report.total.name, indicator: indLabel(s.indicator), period: periodLabel(s.period) }));
        renderLegend();
        renderCompleteness();
        renderList();
        renderKleopatraLegend();
        const classed = report.choropleth.rws.filter((r) => r.color).length;
        Object.assign(hook, { region, period: report.period, indicator: s.indicator, method: report.choropleth.method,
          classed, total: report.choropleth.rws.length, synthetic: report.synthetic });
        hook.layers.kleopatra = s.layers.has('kleopatra') ? report.kleopatra.length : null;
        status(message, t('peta.drawn', { classed: fmtNumber(classed), total: fmtNumber(report.choropleth.rws.length),
          indicator: indLabel(s.indicator), period: periodLabel(s.period) })
          + (classed === 0 && report.choropleth.rws.length ? ' · ' + t('peta.none-drawn', {
            reason: whyMissing(report.total, INDICATORS.find((i) => i.key === s.indicator).field) }) : ''));
        if (s.selected && rowsByCode.has(s.selected)) {
          showSelection(false);
        } else {
          s.selected = null;
          showSelection(false);
        }
        if (s.layers.has('panas')) await loadHeat();
        await idle(map);
        if (current === generation) hook.ready = true;
      } catch (e) {
        if (!alive()) return;
        hook.error = e.message;
        status(message, t('app.error', { message: e.message }), 'error');
      } finally {
        hook.busy--;
      }
    }

    function renderLegend() {
      const c = report.choropleth;
      const unit = INDICATOR[s.indicator].unit;
      const noValue = c.rws.filter((r) => r.classIndex === null).length;
      hook.legend = c.legend.map((cls) => classLabel(cls, unit, c.method));
      fill(legendEl,
        h('p', { class: 'peta-legend-title' }, indLabel(s.indicator), ' · ', periodLabel(s.period)),
        h('ul', { class: 'legend-list', id: 'peta-legend-classes' },
          c.legend.map((cls, i) => h('li', { class: 'legend-item', dataset: { classIndex: cls.classIndex, color: cls.color } },
            h('span', { class: 'swatch', style: 'background:' + cls.color, 'aria-hidden': 'true' }),
            h('span', {}, hook.legend[i], ' ', h('span', { class: 'muted' }, '(' + t('peta.legend-rws', { n: fmtNumber(cls.rwCount) }) + ')')))),
          h('li', { class: 'legend-item' }, h('span', { class: 'swatch', style: 'background:' + NO_DATA_COLOR, 'aria-hidden': 'true' }),
            t('peta.legend-no-data', { n: fmtNumber(noValue) }))),
        h('p', { class: 'hint' }, t('peta.legend-method', { method: t('peta.method.' + c.method), classes: c.classes })));
    }

    function renderCompleteness() {
      fill(completenessEl, h('p', { class: 'peta-legend-title' }, t('peta.completeness')),
        h('ul', { class: 'plain' }, report.dataCompleteness.map((r) => h('li', { dataset: { register: r.register, status: r.status } },
          t('peta.register.' + r.register), ': ',
          r.snapshotDate ? t('peta.status.snapshot', { date: fmtDate(r.snapshotDate) })
            : t('peta.status.' + r.status, { share: fmtPercent(r.completeness, 0) })))));
    }

    function rwName(code) {
      const row = rowsByCode.get(code);
      return row ? row.name : code;
    }

    function valueText(code) {
      const c = choroplethByCode.get(code);
      if (c && c.value !== null && c.value !== undefined) return fmtValue(c.value, INDICATOR[s.indicator].unit);
      return whyMissing(rowsByCode.get(code), INDICATOR[s.indicator].field);
    }

    function renderList() {
      const kel = [...kelurahanName.entries()].filter(([code]) => [...rowsByCode.keys()].some((r) => kelurahanOf(r) === code));
      if (s.listKelurahan && !kel.some(([code]) => code === s.listKelurahan)) s.listKelurahan = '';
      fill(kelurahanSelect, h('option', { value: '' }, t('peta.list-all', { n: fmtNumber(rowsByCode.size) })),
        kel.map(([code, name]) => h('option', { value: code, selected: code === s.listKelurahan }, name)));
      kelurahanSelect.value = s.listKelurahan;
      valueHeader.textContent = indLabel(s.indicator);
      let codes = [...rowsByCode.keys()].filter((c) => !s.listKelurahan || kelurahanOf(c) === s.listKelurahan);
      if (s.listSort === 'value') {
        const v = (c) => { const x = choroplethByCode.get(c); return x && x.value !== null ? x.value : -Infinity; };
        codes = codes.sort((a, b) => v(b) - v(a) || (a < b ? -1 : 1));
      }
      fill(listBody, codes.map((code) => {
        const c = choroplethByCode.get(code);
        const k = kleopatraByCode.get(code);
        const kelName = kelurahanName.get(kelurahanOf(code)) || kelurahanOf(code);
        return h('tr', { dataset: { code }, class: code === s.selected ? 'selected' : null },
          h('td', {}, h('button', { type: 'button', class: 'link rw-choose', dataset: { code }, 'aria-pressed': code === s.selected ? 'true' : 'false',
            'aria-label': t('peta.list-choose', { name: rwName(code), kelurahan: kelName }), onclick: () => select(code, true) }, rwName(code))),
          h('td', {}, kelName),
          h('td', { class: 'num' + (c && c.value !== null ? '' : ' missing') },
            c && c.color ? h('span', { class: 'swatch inline', style: 'background:' + c.color, 'aria-hidden': 'true' }) : null,
            valueText(code)),
          h('td', {}, k ? h('span', { class: 'kleo-mark' },
            h('span', { 'aria-hidden': 'true' }, t('peta.kleopatra.short', { met: k.criteriaMet ?? '≥ 2' })),
            h('span', { class: 'sr-only' }, t('peta.kleopatra.criteria', { met: k.criteriaMet ?? '≥ 2' }))) : ''));
      }));
      hook.list = codes.length;
    }

    function renderKleopatraLegend() {
      const el = layerLegends.kleopatra;
      el.hidden = !s.layers.has('kleopatra');
      fill(el, h('p', { class: 'legend-item' }, h('span', { class: 'swatch outline', style: 'border-color:' + KLEOPATRA_COLOR, 'aria-hidden': 'true' }),
        t('peta.kleopatra.legend', { n: fmtNumber(report.kleopatra.length) })),
      h('p', { class: 'hint' }, t('peta.kleopatra.rule')));
    }

    // ---- selection: map click, the list, the URL
    function select(code, fromList) {
      s.selected = code;
      saveParams();
      showSelection(true);
      if (fromList && rwGeometry.has(code)) {
        map.fitBounds(boundsOf(rwGeometry.get(code).geometry), { padding: 40, maxZoom: 15, duration: 0 });
      }
    }

    function showSelection(announce) {
      const code = s.selected;
      hook.selected = code;
      map.setFilter('rw-selected', ['==', ['get', 'code'], code || '']);
      for (const tr of listBody.children) {
        const on = tr.dataset.code === code;
        tr.classList.toggle('selected', on);
        tr.querySelector('button').setAttribute('aria-pressed', on ? 'true' : 'false');
      }
      if (!code || !rowsByCode.has(code)) {
        selectionBar.hidden = true;
        fill(detailsEl, h('h2', { id: 'peta-details-title' }, t('peta.selected')), h('p', { class: 'muted' }, t('peta.details-none')));
        hook.details = null;
        loadTrend();
        return;
      }
      const row = rowsByCode.get(code);
      const kelName = kelurahanName.get(kelurahanOf(code)) || kelurahanOf(code);
      fill(selectionBar, h('span', {}, t('peta.selected-bar', { name: row.name, kelurahan: kelName, value: valueText(code) })),
        ' ', h('a', { href: '#peta-details', onclick: (e) => { e.preventDefault(); detailsEl.scrollIntoView({ block: 'start' }); detailsEl.focus(); } }, t('peta.details-link')));
      selectionBar.hidden = false;
      renderDetails(row, kelName);
      if (announce) status(message, t('peta.selected-announce', { name: row.name, kelurahan: kelName }));
      loadTrend();
    }

    function renderDetails(row, kelName) {
      const k = kleopatraByCode.get(row.regionCode);
      const criteria = ['stunting', 'tb', 'extremePoverty'];
      const kleo = k
        ? h('p', { class: 'kleo-mark block' }, t('peta.kleopatra.criteria', { met: k.criteriaMet ?? '≥ 2' }), ': ',
          criteria.map((c) => t('peta.kleopatra.' + c) + ' ' + t('peta.kleopatra.' + (k[c] === null ? 'null' : k[c] ? 'yes' : 'no'))).join(' · '))
        : null;
      detailsEl.setAttribute('tabindex', '-1');
      fill(detailsEl,
        h('h2', { id: 'peta-details-title' }, t('peta.details', { name: row.name + ', ' + kelName })),
        h('p', { class: 'hint' }, row.regionCode, ' · ', periodLabel(s.period)),
        kleo,
        row.exact ? null : h('p', { class: 'hint' }, t('peta.details-inexact')),
        h('table', { class: 'peta-details' },
          h('caption', { class: 'sr-only' }, t('peta.details', { name: row.name })),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('peta.field')), h('th', { scope: 'col', class: 'num' }, t('peta.value')))),
          h('tbody', {}, DETAILS.map(([f, unit]) => h('tr', { dataset: { field: f }, class: row[f] === null ? 'missing' : null },
            h('th', { scope: 'row' }, t('peta.field.' + f)),
            h('td', { class: 'num' }, fieldText(row, f, unit),
              f === 'extremePoorHouseholds' && row.extremePoorAsOf ? h('small', { class: 'hint' }, t('peta.field.asOf', { date: fmtDate(row.extremePoorAsOf) })) : null))))),
        h('div', { id: 'peta-details-access' }),
        h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => { s.selected = null; saveParams(); showSelection(false); } }, t('peta.details-clear'))));
      hook.details = row.regionCode;
      renderAccessDetails();
    }

    // ---- trend of the selected RW (with its kelurahan), or of the whole area
    let trendGeneration = 0;
    async function loadTrend() {
      const current = ++trendGeneration;
      const code = s.selected && rowsByCode.has(s.selected) ? s.selected : null;
      const seriesRegion = code ? kelurahanOf(code) : region;
      const to = [lastMonthOf(s.period), periods.latest].filter(Boolean).sort()[0];
      const from = addMonths(to, -11);
      hook.trend = null;
      fill(trendEl, h('h2', { id: 'peta-trend-title' }, t('peta.trend', { name: code ? rwName(code) : report.total.name })),
        h('p', { class: 'muted' }, t('peta.trend-loading')));
      hook.busy++;
      try {
        const data = (await gql('peta', 'PetaTrend', { region: seriesRegion, indicator: s.indicator, from, to })).indicatorSeries;
        if (current !== trendGeneration || !alive()) return;
        const main = code ? data.children.find((c) => c.regionCode === code) : data.region;
        const lines = [{ name: main.name, values: main.indicators[0].values, main: true }];
        if (code) lines.push({ name: data.region.name, values: data.region.indicators[0].values, main: false });
        renderTrend(data.periods, lines, code ? rwName(code) + ', ' + data.region.name : data.region.name);
        hook.trend = { region: main.regionCode, periods: data.periods.length,
          values: main.indicators[0].values.filter((v) => v.value !== null).length };
      } catch (e) {
        if (current === trendGeneration && alive()) status(message, t('app.error', { message: e.message }), 'error');
      } finally {
        hook.busy--;
      }
    }

    function renderTrend(periodsOfSeries, lines, name) {
      const unit = INDICATOR[s.indicator].unit;
      const W = 340; const H = 170; const L = 52; const R = 10; const T = 12; const B = 30;
      const n = periodsOfSeries.length;
      const main = lines[0];
      const all = lines.flatMap((l) => l.values.flatMap((v) => [v.value, l.main ? v.upper95 : null])).filter((v) => v !== null && v !== undefined);
      const max = Math.max(...all, 0) * 1.1 || 1;
      const x = (i) => L + (n > 1 ? (i * (W - L - R)) / (n - 1) : (W - L - R) / 2);
      const y = (v) => T + (H - T - B) * (1 - v / max);
      const NS = 'http://www.w3.org/2000/svg';
      const svg = (tag, attrs, ...kids) => {
        const el = document.createElementNS(NS, tag);
        for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
        kids.forEach((k) => el.append(k));
        return el;
      };
      const monthShort = (key) => {
        const [yy, mm] = key.split('-').map(Number);
        return new Intl.DateTimeFormat(locale(), { month: 'short', year: '2-digit' })
          .format(new Date(yy, mm - 1, 1));
      };
      const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'peta-chart', role: 'img', 'aria-labelledby': 'peta-trend-desc' });
      // Axes and ticks.
      for (const v of [0, max / 2, max / 1.1]) {
        chart.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#cbd2d9', 'stroke-width': 1 }));
        chart.append(svg('text', { x: L - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, fmtBound(v, unit, unit === 'share' ? 1 : 0)));
      }
      [0, Math.floor((n - 1) / 2), n - 1].filter((i, k, a) => a.indexOf(i) === k && i >= 0).forEach((i) => {
        const anchor = n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle';
        chart.append(svg('text', { x: x(i), y: H - 10, 'text-anchor': anchor, class: 'tick' }, monthShort(periodsOfSeries[i].period)));
      });
      // The main line's 95 % interval (rates), then the lines (gaps where a value is missing).
      const band = main.values.map((v, i) => (v.lower95 !== null && v.upper95 !== null && v.lower95 !== undefined ? i : -1)).filter((i) => i >= 0);
      if (band.length > 1) {
        const pts = [...band.map((i) => `${x(i)},${y(main.values[i].upper95)}`), ...band.slice().reverse().map((i) => `${x(i)},${y(main.values[i].lower95)}`)];
        chart.append(svg('polygon', { points: pts.join(' '), class: 'band' }));
      }
      for (const line of lines.slice().reverse()) {
        let d = '';
        line.values.forEach((v, i) => {
          if (v.value === null) return;
          const prev = i > 0 && line.values[i - 1].value !== null;
          d += (prev ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(v.value).toFixed(1);
        });
        if (d) chart.append(svg('path', { d, class: line.main ? 'line main' : 'line other' }));
        if (line.main) {
          line.values.forEach((v, i) => {
            if (v.value !== null) chart.append(svg('circle', { cx: x(i), cy: y(v.value), r: v.unstable ? 3.5 : 3, class: v.unstable ? 'dot unstable' : 'dot' }));
            else chart.append(svg('text', { x: x(i), y: H - B + 2, 'text-anchor': 'middle', class: 'gap' }, '×'));
          });
        }
      }
      const values = main.values.filter((v) => v.value !== null);
      const summary = t('peta.trend-summary', {
        indicator: indLabel(s.indicator), name,
        from: periodLabel(periodsOfSeries[0].period), to: periodLabel(periodsOfSeries[n - 1].period),
        first: values.length ? fmtValue(values[0].value, unit) : '–', last: values.length ? fmtValue(values[values.length - 1].value, unit) : '–',
        missing: main.values.length - values.length,
      });
      const note = (v) => (v.value === null ? t('peta.missing.' + (v.missing || 'unknown')) : v.unstable ? t('peta.trend-unstable') : '');
      fill(trendEl,
        h('h2', { id: 'peta-trend-title' }, t('peta.trend', { name })),
        h('p', { class: 'hint', id: 'peta-trend-desc' }, summary),
        chart,
        h('ul', { class: 'plain trend-key', 'aria-hidden': 'true' },
          lines.map((l) => h('li', {}, h('span', { class: 'key ' + (l.main ? 'main' : 'other') }), l.name)),
          band.length > 1 ? h('li', {}, h('span', { class: 'key band' }), t('peta.trend-band')) : null),
        h('details', { class: 'trend-table' }, h('summary', {}, t('peta.trend-table')),
          h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('peta.trend-table') }, h('table', {},
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('peta.trend-month')),
              lines.map((l) => h('th', { scope: 'col', class: 'num' }, l.name)), h('th', { scope: 'col' }, t('peta.trend-note')))),
            h('tbody', {}, periodsOfSeries.map((p, i) => h('tr', {},
              h('th', { scope: 'row' }, periodLabel(p.period)),
              lines.map((l) => h('td', { class: 'num' }, fmtValue(l.values[i].value, unit) ?? '–')),
              h('td', {}, note(main.values[i])))))))));
    }

    // ---- layers
    const facilities = { loaded: null };
    async function loadFacilities() {
      if (!facilities.loaded) {
        facilities.loaded = (async () => {
          const features = [];
          let after = null;
          for (;;) {
            const d = (await gql('peta', 'PetaFacilities', { region, after })).facilities;
            d.edges.forEach(({ node }) => features.push({ type: 'Feature', geometry: node.location,
              properties: { id: node.id, name: node.name, type: node.type } }));
            if (!d.pageInfo.hasNextPage) break;
            after = d.pageInfo.endCursor;
          }
          map.getSource('fasilitas').setData({ type: 'FeatureCollection', features });
          return features;
        })();
      }
      const features = await facilities.loaded;
      const count = (type) => features.filter((f) => f.properties.type === type).length;
      fill(layerLegends.fasilitas,
        h('p', { class: 'legend-item' }, h('span', { class: 'dot-key', style: `background:${PUSKESMAS_COLOR}`, 'aria-hidden': 'true' }),
          t('peta.fasilitas.puskesmas', { n: fmtNumber(count('PUSKESMAS')) })),
        h('p', { class: 'legend-item' }, h('span', { class: 'dot-key small', style: `background:${POSYANDU_COLOR}`, 'aria-hidden': 'true' }),
          t('peta.fasilitas.posyandu', { n: fmtNumber(count('POSYANDU')) })));
      hook.layers.fasilitas = features.length;
    }

    const access = { loaded: null, byCode: new Map() };
    function accessClass(seconds) {
      const minutes = seconds / 60;
      return ACCESS_CLASSES.findIndex((c) => c.max === null || minutes <= c.max);
    }
    async function loadAccess() {
      if (!access.loaded) {
        access.loaded = (async () => {
          const rows = [];
          let after = null;
          let coverage = null;
          for (;;) {
            const d = await gql('peta', 'PetaAccess', { region, after });
            coverage = coverage || d.accessCoverage;
            d.rwAccess.edges.forEach(({ node }) => rows.push(node));
            if (!d.rwAccess.pageInfo.hasNextPage) break;
            after = d.rwAccess.pageInfo.endCursor;
          }
          rows.forEach((r) => access.byCode.set(r.rw.code, r));
          const features = rows.filter((r) => r.representativePoint).map((r) => ({ type: 'Feature', geometry: r.representativePoint,
            properties: { code: r.rw.code, color: r.responsible ? ACCESS_CLASSES[accessClass(r.responsible.travelTimeSeconds)].color : ACCESS_UNASSIGNED } }));
          map.getSource('akses').setData({ type: 'FeatureCollection', features });
          return { rows, coverage };
        })();
      }
      const { rows, coverage } = await access.loaded;
      const counts = ACCESS_CLASSES.map(() => 0);
      let unassigned = 0;
      rows.forEach((r) => { if (r.responsible) counts[accessClass(r.responsible.travelTimeSeconds)]++; else unassigned++; });
      const total = coverage.total;
      fill(layerLegends.akses,
        h('p', { class: 'peta-legend-title' }, t('peta.akses.legend')),
        h('ul', { class: 'legend-list', id: 'peta-legend-akses-classes' },
          ACCESS_CLASSES.map((c, i) => h('li', { class: 'legend-item' },
            h('span', { class: 'dot-key', style: `background:${c.color}`, 'aria-hidden': 'true' }),
            (c.max === null ? t('peta.akses.class-open', { from: ACCESS_CLASSES[i - 1].max }) : t('peta.akses.class', { from: i ? ACCESS_CLASSES[i - 1].max : 0, to: c.max })),
            ' ', h('span', { class: 'muted' }, '(' + t('peta.legend-rws', { n: fmtNumber(counts[i]) }) + ')'))),
          h('li', { class: 'legend-item' }, h('span', { class: 'dot-key', style: `background:${ACCESS_UNASSIGNED}`, 'aria-hidden': 'true' }),
            t('peta.akses.unassigned'), ' ', h('span', { class: 'muted' }, '(' + t('peta.legend-rws', { n: fmtNumber(unassigned) }) + ')'))),
        h('p', { class: 'hint', id: 'peta-akses-coverage' }, t('peta.akses.coverage', { people: fmtNumber(total.populationWithin),
          total: fmtNumber(total.population), share: fmtPercent(total.population ? total.populationWithin / total.population : null) }),
        total.rwUnassigned ? ' ' + t('peta.akses.coverage-unassigned', { n: fmtNumber(total.rwUnassigned) }) : ''));
      hook.layers.akses = rows.length;
      renderAccessDetails();
    }

    /** The selected RW's access row: from the access layer when loaded, else asked for that RW alone. */
    async function selectedAccess(code) {
      if (access.byCode.has(code)) return access.byCode.get(code);
      const d = await gql('peta', 'PetaAccess', { region: code, after: null });
      const row = d.rwAccess.edges.map((e) => e.node).find((n) => n.rw.code === code);
      if (row) access.byCode.set(code, row);
      return row;
    }

    async function renderAccessDetails() {
      const code = s.selected;
      const el = detailsEl.querySelector('#peta-details-access');
      if (!el || !code) return;
      hook.busy++;
      let row;
      try {
        row = await selectedAccess(code);
      } catch (e) {
        status(message, t('peta.layer-failed', { message: e.message }), 'error');
      } finally {
        hook.busy--;
      }
      if (!row || s.selected !== code || !el.isConnected) return;
      let text;
      const r = row.responsibility;
      if (row.responsible) {
        text = [r.puskesmas.name, t('peta.akses.minutes', { n: fmtNumber(row.responsible.travelTimeSeconds / 60, 0) }),
          t('peta.akses.km', { n: fmtNumber(row.responsible.roadDistanceMeters / 1000, 1) }),
          row.responsible.method === 'GEODESIC_DETOUR' ? t('peta.akses.estimate') : null].filter(Boolean).join(' · ');
      } else {
        text = t('peta.akses.status.' + r.status, { names: r.claimants.map((c) => c.name).join(', ') });
      }
      fill(el, h('h3', {}, t('peta.details-access')), h('p', {}, text),
        row.warnings.length ? h('ul', { class: 'hint' }, row.warnings.map((w) => h('li', {}, w.message))) : null);
    }

    const heat = { size: 1000, layer: null };
    function heatRequest() {
      const p = periodInput(s.period);
      const hx = s.hexIndicator || INDICATOR[s.indicator].hex;
      return { kabkota, indicator: hx, year: p.year, month: p.month || null, size: heat.size };
    }
    function heatUrl(v) {
      const q = new URLSearchParams({ indicator: v.indicator, year: String(v.year), measure: 'COUNT', kabkota: v.kabkota });
      if (v.month) q.set('month', String(v.month));
      return location.origin + '/tiles/hex-heat/{z}/{x}/{y}.mvt?' + q.toString();
    }
    async function loadHeat() {
      const v = heatRequest();
      const layer = (await gql('peta', 'PetaHeat', v)).hexHeatLayer;
      heat.layer = layer;
      const url = heatUrl(v);
      if (!map.getSource('hex')) {
        map.addSource('hex', { type: 'vector', tiles: [url], minzoom: 0, maxzoom: 16 });
        map.addLayer({ id: 'hex', type: 'fill', source: 'hex', 'source-layer': 'hex_heat',
          paint: { 'fill-color': ['case', ['has', 'color'], ['get', 'color'], NO_DATA_COLOR], 'fill-opacity': 0.75, 'fill-outline-color': '#ffffff' } }, 'rw-line');
      } else if (map.getSource('hex').tiles[0] !== url) {
        map.getSource('hex').setTiles([url]);
      }
      map.setLayoutProperty('hex', 'visibility', 'visible');
      const p = periodInput(s.period);
      const hexSelect = h('select', { id: 'peta-heat-indicator', onchange: (e) => { s.hexIndicator = e.target.value; saveParams(); guard(loadHeat()); } },
        HEX_INDICATORS.map((x) => h('option', { value: x, selected: x === v.indicator }, t('peta.panas.hex.' + x))));
      fill(layerLegends.panas,
        field(t('peta.panas.indicator'), hexSelect),
        h('p', { class: 'peta-legend-title' }, t('peta.panas.title', { size: fmtNumber(layer.sizeMeters, 0), period: layer.period.length === 4 ? t('peta.year', { year: layer.period }) : periodLabel(layer.period) })),
        p.quarter ? h('p', { class: 'hint' }, t('peta.panas.year-only', { year: p.year })) : null,
        layer.missing ? h('p', { class: 'hint' }, t('peta.missing.' + layer.missing)) : null,
        h('ul', { class: 'legend-list', id: 'peta-legend-panas-classes' },
          layer.legend.map((c) => h('li', { class: 'legend-item', dataset: { color: c.color } },
            h('span', { class: 'swatch', style: 'background:' + c.color, 'aria-hidden': 'true' }),
            c.label === 'none' ? t('peta.panas.none') : c.label.replace(/,/g, '.'), ' ',
            h('span', { class: 'muted' }, '(' + t('peta.panas.hexes', { n: fmtNumber(c.hexCount) }) + ')'))),
          h('li', { class: 'legend-item' }, h('span', { class: 'swatch', style: 'background:' + layer.suppressedColor, 'aria-hidden': 'true' }),
            t('peta.panas.suppressed', { n: fmtNumber(layer.suppressedHexCount) }))),
        h('p', { class: 'hint' }, layer.geocodedShare === null ? t('peta.panas.placed-unknown') : t('peta.panas.placed', { share: fmtPercent(layer.geocodedShare, 0) })));
      hook.layers.panas = { legend: layer.legend.length, hexCount: layer.hexCount, sizeMeters: layer.sizeMeters, period: layer.period };
    }

    // Roles that read person-level data get finer hexagons when zoomed in: the legend follows the size drawn.
    map.on('idle', () => {
      if (!s.layers.has('panas') || !map.getLayer('hex') || !heat.layer) return;
      const f = map.queryRenderedFeatures({ layers: ['hex'] })[0];
      if (f && f.properties.resolution && f.properties.resolution !== heat.layer.sizeMeters) {
        heat.size = f.properties.resolution;
        guard(loadHeat());
      }
    });

    async function setLayer(layer, on) {
      if (on) s.layers.add(layer); else s.layers.delete(layer);
      saveParams();
      layerLegends[layer].hidden = !on;
      const visibility = on ? 'visible' : 'none';
      if (layer === 'fasilitas') {
        map.setLayoutProperty('puskesmas', 'visibility', visibility);
        map.setLayoutProperty('posyandu', 'visibility', visibility);
        if (on) await loadFacilities(); else hook.layers.fasilitas = null;
      } else if (layer === 'kleopatra') {
        map.setLayoutProperty('kleopatra-line', 'visibility', visibility);
        if (report) renderKleopatraLegend();
        hook.layers.kleopatra = on && report ? report.kleopatra.length : null;
      } else if (layer === 'akses') {
        map.setLayoutProperty('akses-points', 'visibility', visibility);
        if (on) await loadAccess(); else hook.layers.akses = null;
      } else if (layer === 'panas') {
        map.setPaintProperty('rw-fill', 'fill-opacity', on ? 0.3 : 0.8);
        if (on) await loadHeat();
        else { if (map.getLayer('hex')) map.setLayoutProperty('hex', 'visibility', 'none'); hook.layers.panas = null; }
      }
      await idle(map);
    }

    /** Runs an action of the user; a failure is shown, never thrown at the page. */
    async function guard(promise) {
      hook.busy++;
      try {
        await promise;
      } catch (e) {
        if (!alive()) return;
        hook.error = e.message;
        status(message, t('peta.layer-failed', { message: e.message }), 'error');
      } finally {
        hook.busy--;
      }
    }

    // ---- wiring
    indicatorSelect.addEventListener('change', () => {
      s.indicator = indicatorSelect.value;
      s.hexIndicator = null;
      methodOptions();
      saveParams();
      guard(loadChoropleth());
    });
    periodSelect.addEventListener('change', () => { s.period = periodSelect.value; saveParams(); guard(loadChoropleth()); });
    methodSelect.addEventListener('change', () => { s.method = methodSelect.value; saveParams(); guard(loadChoropleth()); });
    stableBox.addEventListener('change', () => { s.stable = stableBox.checked; saveParams(); guard(loadChoropleth()); });
    for (const l of LAYERS) layerBoxes[l].addEventListener('change', () => guard(setLayer(l, layerBoxes[l].checked)));
    kelurahanSelect.addEventListener('change', () => { s.listKelurahan = kelurahanSelect.value; saveParams(); renderList(); });
    sortSelect.addEventListener('change', () => { s.listSort = sortSelect.value; saveParams(); renderList(); });
    for (const button of downloadButtons) {
      button.addEventListener('click', async () => {
        const ext = button.dataset.format;
        const p = periodInput(s.period);
        const q = new URLSearchParams({ regionCode: region, year: String(p.year) });
        if (p.month) q.set('month', String(p.month));
        if (p.quarter) q.set('quarter', String(p.quarter));
        const file = `rw-indicators-${region}-${s.period}.${ext}`;
        button.disabled = true;
        try {
          await download('/exports/rw-indicators.' + ext + '?' + q, file);
          hook.downloads.push(ext);
          status(message, t('peta.downloaded', { file }), 'ok');
        } catch (e) {
          status(message, t('peta.download-failed', { message: e.message }), 'error');
        } finally {
          button.disabled = false;
        }
      });
    }
    fitButton.addEventListener('click', () => map.fitBounds(boundsOf(boundaries.kelurahan.features.length ? boundaries.kelurahan : boundaries.rw), { padding: 16, duration: 0 }));
    map.on('click', 'rw-fill', (e) => {
      const f = e.features && e.features[0];
      if (f && rowsByCode.has(f.properties.code)) select(f.properties.code, false);
    });
    map.on('mouseenter', 'rw-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', 'rw-fill', () => { map.getCanvas().style.cursor = ''; });

    /** Test hook: where on the page an RW can be clicked (its label point, inside the map and not under a control). */
    hook.clickPointOf = (code) => {
      const lngLat = rwLabel.get(code);
      if (!lngLat) return null;
      const p = map.project(lngLat);
      const rect = map.getCanvas().getBoundingClientRect();
      if (p.x < 20 || p.y < 20 || p.x > rect.width - 60 || p.y > rect.height - 40) return null;
      const hit = map.queryRenderedFeatures([p.x, p.y], { layers: ['rw-fill'] })[0];
      if (!hit || hit.properties.code !== code) return null;
      return { x: rect.left + p.x, y: rect.top + p.y };
    };
    hook.clickableRws = () => [...rowsByCode.keys()].filter((c) => hook.clickPointOf(c));
    hook.rendered = (layer) => (map.getLayer(layer) ? map.queryRenderedFeatures({ layers: [layer] }).length : 0);

    methodOptions();
    await loadChoropleth();
    for (const l of s.layers) {
      layerLegends[l].hidden = false;
      await guard(setLayer(l, true));
    }
  },
};
