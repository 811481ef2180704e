package id.ilpatlas.geo.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Seeded synthetic case data for a city, written in the national export formats of {@code docs/case-formats.md}:
 * e-PPGBM (child growth), SITB (tuberculosis), P3KE (extreme poverty) and PERMAISURI (mothers). Every value is
 * invented; file names carry {@code synthetic}. The files start with their header row (no comment line), are
 * UTF-8 without a byte-order mark, {@code ;}-separated with comma decimals, dates {@code dd/MM/yyyy}, lines
 * ending in {@code \n}.
 *
 * <p>Calibration (docs/DESIGN.md §5), per unit of {@code scale} x population:
 *
 * <ul>
 *   <li>balita 8.5 % of the population; 80 % registered at a posyandu of their RW, 8 % at a neighbouring one,
 *       12 % not registered (not in the file); RWs without a posyandu: 60 % at a neighbouring posyandu, 28 %
 *       with an empty {@code Posyandu}. Twelve monthly rounds (each posyandu's fixed weekday, the 12 latest on or
 *       before {@code today}); attendance 75–85 % per round; children are measured from 7 days to 1825 days of
 *       age, so births enter and five-year-olds leave during the year.
 *   <li>stunting: length/height-for-age z &lt; -2 in 17.7 % of measurements (solved exactly in expectation);
 *       wasting about 7 %, underweight about 15 %, BBLR about 8 %.
 *   <li>TB: 385 per 100k per year x 58 % notified, diagnosed in the 365 days up to {@code today}.
 *   <li>P3KE: desil 1 households hold 1 % of the people, desil 2, 3, 4: 3, 5, 7 %.
 *   <li>PERMAISURI: pregnancies at a crude birth rate of 16 per 1000 per year; the file holds those due in the
 *       365 days up to {@code today} plus the detected ongoing ones (about 1.6 x the yearly births); risk
 *       factors calibrated to national shares ({@link PregnancyRisks}: 4T by the Indonesian definition 30 %,
 *       KEK 17 %, anaemia 28 %, so 64.5 % high-risk with any factor).
 * </ul>
 *
 * <p>Spatial clustering: one burden field per RW, {@code kecamatan effect x kelurahan log-normal (sigma 0.25) x
 * RW log-normal (sigma 0.45)}, normalised to a population-weighted mean of 1; Pekalongan Utara ({@code 33.75.03},
 * the coastal kecamatan) has an effect of 1.5. Stunting, TB, poverty and fertility all follow it (with exponents
 * 1, 0.8, 1.2 and 0.3), so the KLEOPATRA overlap exists in the data.
 *
 * <p>Determinism: every random stream is seeded from {@code seed}, the file, the RW (or posyandu) code and the
 * pass, so a file depends only on the inputs (in their order), the seed, {@code today} and {@code scale}; the
 * files can be written in any order, repeatedly, and come out byte-identical. Generation streams: nothing
 * proportional to the number of rows is held in memory (only the NIK and No KK counters).
 *
 * <p>Use: {@code SyntheticCases.generate(city, seed, today, 1.0).writeAll(dir)}.
 */
public final class SyntheticCases {

    /** Balita (0–59 months) as a share of the population. */
    public static final double BALITA_SHARE = 0.085;
    /** Stunting prevalence the generator is calibrated to (SSGI 2024, Kota Pekalongan). */
    public static final double STUNTING_PREVALENCE = 0.177;
    /** Estimated TB incidence per person per year. */
    public static final double TB_INCIDENCE_PER_PERSON_YEAR = 0.00385;
    /** Share of incident TB that is notified. */
    public static final double TB_NOTIFIED_SHARE = 0.58;
    /** Share of people living in desil-1 (extreme poverty) households. */
    public static final double DESIL_1_PEOPLE_SHARE = 0.01;
    /** Crude birth rate per person per year. */
    public static final double CRUDE_BIRTH_RATE = 0.016;
    /** Burden multiplier by kecamatan code (1 for the others): the coastal Pekalongan Utara carries more. */
    public static final Map<String, Double> KECAMATAN_EFFECT = Map.of("33.75.03", 1.5);

    static final long SALT_EPPGBM = 1;
    static final long SALT_SITB = 2;
    static final long SALT_P3KE = 3;
    static final long SALT_PERMAISURI = 4;
    static final long SALT_BURDEN_KELURAHAN = 5;
    static final long SALT_BURDEN_RW = 6;
    static final long SALT_SCHEDULE = 7;
    static final long SALT_ATTENDANCE = 8;
    static final long SALT_STREETS = 9;
    static final long SALT_QUIRKS = 10;

    /** Persistent child-level SD of length/height-for-age z around the RW mean. */
    static final double HAZ_SD_CHILD = 1.05;
    /** Measurement-to-measurement noise of length/height-for-age z. */
    static final double HAZ_SD_VISIT = 0.2;
    /** Length/height-for-age z falls by this much over the first 24 months (growth faltering), then stays. */
    static final double HAZ_AGE_DROP = -0.6;

    static final double HAZ_SD_TOTAL = Math.sqrt(HAZ_SD_CHILD * HAZ_SD_CHILD + HAZ_SD_VISIT * HAZ_SD_VISIT);
    /** Youngest and oldest age measured, days. */
    static final int MIN_AGE_DAYS = 7;

    static final int MAX_AGE_DAYS = 1825;
    /** Number of monthly posyandu rounds. */
    static final int ROUNDS = 12;

    private static final double KELURAHAN_SIGMA = 0.25;
    private static final double RW_SIGMA = 0.45;

    private final long seed;
    private final LocalDate today;
    private final double scale;
    private final List<Site> sites;
    private final Map<String, Site> sitesByCode;
    private final Map<String, long[]> roundsByPosyandu;
    private final double[] attendanceByRound;
    private final double scaledPopulation;

    private SyntheticCases(CityInput input, long seed, LocalDate today, double scale) {
        this.seed = seed;
        this.today = today;
        this.scale = scale;
        List<Site> built = new ArrayList<>(input.rws().size());
        Map<String, Site> byCode = new LinkedHashMap<>();
        for (RwInput rw : input.rws()) {
            Site site = new Site(rw, seed);
            if (byCode.put(site.code, site) != null) {
                throw new IllegalArgumentException("RW code " + site.code + " appears twice");
            }
            built.add(site);
        }
        this.sites = List.copyOf(built);
        this.sitesByCode = byCode;
        this.scaledPopulation =
                sites.stream().mapToDouble(s -> s.population * scale).sum();
        assignUnknownRwNumbers();
        this.roundsByPosyandu = assignPosyandu(input.posyandu());
        assignPuskesmas(input.puskesmas());
        assignBurden();
        calibrateGrowth();
        SplittableRandom attendance = Draw.stream(seed, SALT_ATTENDANCE, "rounds", 0);
        this.attendanceByRound = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            attendanceByRound[r] = 0.75 + 0.10 * attendance.nextDouble();
        }
    }

    /**
     * Prepares a generator: RW burden, calibration and posyandu schedules. Nothing is written yet.
     *
     * @param input the city's RWs, posyandu and puskesmas
     * @param seed any value; the same seed and inputs give byte-identical files
     * @param today reference date: the last of the 12 monthly rounds is on or before it; TB and births cover the
     *     365 days up to it
     * @param scale multiplies every count (1.0 = the realistic city)
     * @throws IllegalArgumentException on a non-positive or non-finite scale, duplicate RW codes or a malformed
     *     RW code
     */
    public static SyntheticCases generate(CityInput input, long seed, LocalDate today, double scale) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(today, "today");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        return new SyntheticCases(input, seed, today, scale);
    }

    /**
     * The standard file name of a format in the year of {@code today}, e.g. {@code eppgbm-synthetic-2026.csv}.
     *
     * @param format {@code eppgbm}, {@code sitb}, {@code p3ke} or {@code permaisuri}
     */
    public static String fileName(String format, LocalDate today) {
        if (!List.of("eppgbm", "sitb", "p3ke", "permaisuri").contains(format)) {
            throw new IllegalArgumentException("unknown format " + format);
        }
        return format + "-synthetic-" + today.getYear() + ".csv";
    }

    /** Writes the e-PPGBM file (one row per child and measurement); the writer is flushed, not closed. */
    public EppgbmSummary writeEppgbm(Writer out) throws IOException {
        return io(() -> new EppgbmFile(this).write(out, -1));
    }

    /**
     * Writes exactly {@code rows} e-PPGBM data rows after the header, for benchmarks: the RWs are cycled with new
     * children (new random streams per pass, NIKs still unique) until the count is reached; the first pass is
     * the same as {@link #writeEppgbm(Writer)}. The last child may be cut short.
     *
     * @throws IllegalStateException if the city yields no row at all (population 0)
     */
    public EppgbmSummary writeEppgbmRows(Writer out, long rows) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        return io(() -> new EppgbmFile(this).write(out, rows));
    }

    /** Writes the SITB file (one row per TB episode); the writer is flushed, not closed. */
    public SitbSummary writeSitb(Writer out) throws IOException {
        return io(() -> new SitbFile(this).write(out));
    }

    /** Writes the P3KE file (one row per desil 1–4 household); the writer is flushed, not closed. */
    public P3keSummary writeP3ke(Writer out) throws IOException {
        return io(() -> new P3keFile(this).write(out));
    }

    /** Writes the PERMAISURI file (one row per pregnancy); the writer is flushed, not closed. */
    public PermaisuriSummary writePermaisuri(Writer out) throws IOException {
        return io(() -> new PermaisuriFile(this).write(out));
    }

    /**
     * Writes the four files with their {@link #fileName(String, LocalDate) standard names} into {@code dir}
     * (created if missing; existing files replaced).
     */
    public GeneratedFiles writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path eppgbm = dir.resolve(fileName("eppgbm", today));
        Path sitb = dir.resolve(fileName("sitb", today));
        Path p3ke = dir.resolve(fileName("p3ke", today));
        Path permaisuri = dir.resolve(fileName("permaisuri", today));
        EppgbmSummary eppgbmSummary;
        try (Writer out = open(eppgbm)) {
            eppgbmSummary = writeEppgbm(out);
        }
        SitbSummary sitbSummary;
        try (Writer out = open(sitb)) {
            sitbSummary = writeSitb(out);
        }
        P3keSummary p3keSummary;
        try (Writer out = open(p3ke)) {
            p3keSummary = writeP3ke(out);
        }
        PermaisuriSummary permaisuriSummary;
        try (Writer out = open(permaisuri)) {
            permaisuriSummary = writePermaisuri(out);
        }
        return new GeneratedFiles(
                eppgbm, eppgbmSummary, sitb, sitbSummary, p3ke, p3keSummary, permaisuri, permaisuriSummary);
    }

    /**
     * The burden multiplier of an RW (population-weighted mean 1 over the city; kecamatan effect included).
     *
     * @throws IllegalArgumentException for an unknown RW code
     */
    public double burden(String rwCode) {
        Site site = sitesByCode.get(rwCode);
        if (site == null) {
            throw new IllegalArgumentException("unknown RW " + rwCode);
        }
        return site.burden;
    }

    /** Sum of RW populations times {@code scale}: the denominator of every rate. */
    public double scaledPopulation() {
        return scaledPopulation;
    }

    /** The reference date. */
    public LocalDate today() {
        return today;
    }

    // ---------------------------------------------------------------------------------------------
    // Package-private accessors for the file writers

    long seed() {
        return seed;
    }

    double scale() {
        return scale;
    }

    List<Site> sites() {
        return sites;
    }

    /** The 12 round dates (epoch days, ascending) of a posyandu, or of an RW without one (its own sessions). */
    long[] rounds(String posyanduCodeOrRwCode) {
        long[] rounds = roundsByPosyandu.get(posyanduCodeOrRwCode);
        return rounds != null ? rounds : sitesByCode.get(posyanduCodeOrRwCode).defaultRounds;
    }

    /** Attendance rate of round {@code r} (0 = oldest). */
    double attendance(int r) {
        return attendanceByRound[r];
    }

    /** Burden-derived weights {@code burden^exponent}, normalised to a population-weighted mean of 1. */
    double[] weights(double exponent) {
        double[] weights = new double[sites.size()];
        double sum = 0;
        double people = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.pow(sites.get(i).burden, exponent);
            sum += weights[i] * sites.get(i).population;
            people += sites.get(i).population;
        }
        double mean = people > 0 ? sum / people : 1;
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= mean;
        }
        return weights;
    }

    /** Mean length/height-for-age z shift at an age: growth faltering over the first two years. */
    static double hazAgeShift(long ageDays) {
        return HAZ_AGE_DROP * Math.min(ageDays / 730.5, 1.0);
    }

    // ---------------------------------------------------------------------------------------------
    // Construction steps

    private void assignUnknownRwNumbers() {
        Map<String, Integer> maxByKelurahan = new HashMap<>();
        for (Site site : sites) {
            maxByKelurahan.merge(site.kelurahanCode, site.rwNumber, Math::max);
        }
        for (Site site : sites) {
            int offset = Draw.stream(seed, SALT_QUIRKS, site.code, 0).nextInt(3);
            site.unknownRwNumber = Math.min(999, maxByKelurahan.get(site.kelurahanCode) + 1 + offset);
        }
    }

    private Map<String, long[]> assignPosyandu(List<PosyanduInput> posyandu) {
        Map<String, Set<String>> byRw = new HashMap<>();
        Map<String, Set<String>> byKelurahan = new HashMap<>();
        Map<String, Set<String>> byKecamatan = new HashMap<>();
        Map<String, long[]> rounds = new HashMap<>();
        for (PosyanduInput p : posyandu) {
            rounds.put(p.code(), roundDates(p.code()));
            for (String rwCode : p.rwCodes()) {
                Site site = sitesByCode.get(rwCode);
                if (site != null) {
                    byRw.computeIfAbsent(rwCode, k -> new LinkedHashSet<>()).add(p.code());
                    byKelurahan
                            .computeIfAbsent(site.kelurahanCode, k -> new LinkedHashSet<>())
                            .add(p.code());
                    byKecamatan
                            .computeIfAbsent(site.kecamatanCode, k -> new LinkedHashSet<>())
                            .add(p.code());
                }
            }
        }
        for (Site site : sites) {
            Set<String> own = byRw.getOrDefault(site.code, Set.of());
            site.posyandu = own.toArray(new String[0]);
            Set<String> nearby = new LinkedHashSet<>(byKelurahan.getOrDefault(site.kelurahanCode, Set.of()));
            nearby.removeAll(own);
            if (nearby.isEmpty() && own.isEmpty()) {
                nearby.addAll(byKecamatan.getOrDefault(site.kecamatanCode, Set.of()));
            }
            site.nearbyPosyandu = nearby.toArray(new String[0]);
            site.defaultRounds = roundDates(site.code);
        }
        return rounds;
    }

    private void assignPuskesmas(List<PuskesmasInput> puskesmas) {
        Map<String, List<String>> byKelurahan = new HashMap<>();
        for (PuskesmasInput p : puskesmas) {
            for (String kelurahan : p.kelurahanCodes()) {
                byKelurahan.computeIfAbsent(kelurahan, k -> new ArrayList<>()).add(p.code());
            }
        }
        for (Site site : sites) {
            site.puskesmas =
                    byKelurahan.getOrDefault(site.kelurahanCode, List.of()).toArray(new String[0]);
        }
    }

    /**
     * The session dates of the 12 months up to the last complete one (the month of {@code today} when today is its
     * last day) of a monthly schedule (the n-th weekday of the month, Monday to Friday, weeks 1–4) seeded from
     * {@code key}: every posyandu weighs in the same 12 whole months, as a monthly e-PPGBM export reports them (a month
     * with only some of its sessions would read as a drop in coverage).
     */
    private long[] roundDates(String key) {
        SplittableRandom random = Draw.stream(seed, SALT_SCHEDULE, key, 0);
        int week = 1 + random.nextInt(4);
        DayOfWeek day = DayOfWeek.of(1 + random.nextInt(5));
        long[] dates = new long[ROUNDS];
        int found = 0;
        for (YearMonth month = lastCompleteMonth(today); found < ROUNDS; month = month.minusMonths(1)) {
            dates[ROUNDS - 1 - found++] = month.atDay(1)
                    .with(TemporalAdjusters.dayOfWeekInMonth(week, day))
                    .toEpochDay();
        }
        return dates;
    }

    /** The last whole month on or before {@code today}: its month when today is the month's last day, else the one before. */
    static YearMonth lastCompleteMonth(LocalDate today) {
        return YearMonth.from(today.plusDays(1)).minusMonths(1);
    }

    private void assignBurden() {
        Map<String, Double> kelurahanEffect = new HashMap<>();
        for (Site site : sites) {
            double kelurahan = kelurahanEffect.computeIfAbsent(
                    site.kelurahanCode,
                    code -> logNormal(Draw.stream(seed, SALT_BURDEN_KELURAHAN, code, 0), KELURAHAN_SIGMA));
            double rw = logNormal(Draw.stream(seed, SALT_BURDEN_RW, site.code, 0), RW_SIGMA);
            site.burden = KECAMATAN_EFFECT.getOrDefault(site.kecamatanCode, 1.0) * kelurahan * rw;
        }
        double people = 0;
        double sum = 0;
        for (Site site : sites) {
            people += site.population;
            sum += site.population * site.burden;
        }
        double mean = people > 0 ? sum / people : 1;
        for (Site site : sites) {
            site.burden /= mean;
        }
    }

    private static double logNormal(SplittableRandom random, double sigma) {
        return Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }

    /**
     * Sets each RW's mean length/height-for-age and weight-for-length/height z. The RW's stunting prevalence
     * is {@code 17.7 % x burden} (bounded to 2–65 %); a city-wide offset is then solved by bisection so that the
     * expected share of measurements with z &lt; -2, averaged over RWs (by population) and ages 7–1825 days, is
     * exactly {@link #STUNTING_PREVALENCE}.
     */
    private void calibrateGrowth() {
        int ageSteps = 120;
        double[] shifts = new double[ageSteps];
        for (int a = 0; a < ageSteps; a++) {
            shifts[a] = hazAgeShift(Math.round(MIN_AGE_DAYS + (a + 0.5) * (MAX_AGE_DAYS - MIN_AGE_DAYS) / ageSteps));
        }
        double meanShift = java.util.Arrays.stream(shifts).average().orElse(0);
        double[] means = new double[sites.size()];
        for (int i = 0; i < means.length; i++) {
            double prevalence = Math.max(0.02, Math.min(0.65, STUNTING_PREVALENCE * sites.get(i).burden));
            means[i] = -2 - HAZ_SD_TOTAL * Normal.quantile(prevalence) - meanShift;
        }
        double low = -2;
        double high = 2;
        for (int iteration = 0; iteration < 60; iteration++) {
            double offset = (low + high) / 2;
            double expected = expectedStunting(means, offset, shifts);
            if (expected > STUNTING_PREVALENCE) {
                low = offset;
            } else {
                high = offset;
            }
        }
        double offset = (low + high) / 2;
        for (int i = 0; i < means.length; i++) {
            Site site = sites.get(i);
            site.hazMean = means[i] + offset;
            site.whzMean = -0.55 - 0.25 * Math.log(site.burden);
        }
    }

    private double expectedStunting(double[] means, double offset, double[] shifts) {
        double people = 0;
        double stunted = 0;
        for (int i = 0; i < means.length; i++) {
            double share = 0;
            for (double shift : shifts) {
                share += Normal.cdf((-2 - means[i] - offset - shift) / HAZ_SD_TOTAL);
            }
            people += sites.get(i).population;
            stunted += sites.get(i).population * share / shifts.length;
        }
        return people > 0 ? stunted / people : STUNTING_PREVALENCE;
    }

    // ---------------------------------------------------------------------------------------------

    private static Writer open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static <T> T io(Supplier<T> write) throws IOException {
        try {
            return write.get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
