package id.ilpatlas.geo.synthetic;

import java.io.Writer;
import java.time.LocalDate;
import java.time.Period;
import java.util.SplittableRandom;

/**
 * Writes the e-PPGBM by-name export: one row per child and measurement, children grouped by RW and written one
 * after the other, each with its measurements in date order.
 *
 * <p>Each child has a persistent length/height-for-age z (RW mean + N(0, 1.05)), falling by 0.6 over the first
 * 24 months, plus N(0, 0.2) per measurement, and a persistent weight-for-length/height z (RW mean + N(0, 0.95))
 * plus N(0, 0.3) per measurement. Length/height comes from the WHO length/height-for-age median and S at the
 * exact age in days; weight from the WHO weight-for-length (under 731 days) or weight-for-height table at that
 * length/height, so the importer's recomputed z-scores land where they were drawn (up to rounding to 0,1).
 */
final class EppgbmFile {

    static final String[] HEADER = CsvOut.columns(
            "NIK",
            "Nama",
            "JK",
            "Tgl Lahir",
            "BB Lahir",
            "TB Lahir",
            "Nama Ortu",
            CsvOut.ADDRESS_COLUMNS,
            "Posyandu",
            "Tanggal Pengukuran",
            "Usia Saat Ukur",
            "Berat",
            "Tinggi",
            "Cara Ukur",
            "LiLA",
            "Edema");

    static final double REGISTERED_OWN = 0.80;
    static final double REGISTERED_NEARBY = 0.08;
    static final double NO_POSYANDU_NEARBY = 0.60;
    static final double NO_POSYANDU_EMPTY = 0.28;
    static final double WITHOUT_NIK = 0.10;
    static final double WRONG_POSITION = 0.03;
    static final double WITH_LILA = 0.04;
    static final double BIRTH_WEIGHT_IN_GRAMS = 0.05;
    private static final double WHZ_SD_CHILD = 0.95;
    private static final double WHZ_SD_VISIT = 0.3;
    private static final double HAZ_WHZ_CORRELATION = 0.3;
    private static final int NINE_MONTHS_DAYS = 274;
    private static final int TWO_YEARS_DAYS = 731;

    private final SyntheticCases cases;
    private final WhoLms who = WhoLms.get();
    private final NikAllocator niks = new NikAllocator(1, 5999);
    private final double cityHazMean;

    private long children;
    private long childrenWithoutNik;
    private long stunted;
    private long wasted;
    private long underweight;
    private long lowBirthWeight;
    private long wrongPosition;
    private long withPoint;
    private long pointOutside;
    private long unknownRw;

    EppgbmFile(SyntheticCases cases) {
        this.cases = cases;
        double people = 0;
        double sum = 0;
        for (Site site : cases.sites()) {
            people += site.population;
            sum += site.population * site.hazMean;
        }
        this.cityHazMean = people > 0 ? sum / people : 0;
    }

    /**
     * Writes the header and rows.
     *
     * @param limit {@code -1} for one pass over the city; else exactly this many rows, cycling over the city
     */
    EppgbmSummary write(Writer writer, long limit) {
        CsvOut out = new CsvOut(writer);
        out.header(HEADER);
        for (long pass = 0; limit < 0 ? pass < 1 : out.rows() < limit; pass++) {
            long before = out.rows();
            for (Site site : cases.sites()) {
                writeSite(out, site, pass, limit);
                if (limit >= 0 && out.rows() >= limit) {
                    break;
                }
            }
            if (limit >= 0 && out.rows() == before && out.rows() < limit) {
                throw new IllegalStateException("the city yields no e-PPGBM row (population 0?)");
            }
        }
        out.finish();
        long rows = out.rows();
        return new EppgbmSummary(
                rows,
                children,
                childrenWithoutNik,
                SyntheticCases.STUNTING_PREVALENCE,
                share(stunted, rows),
                share(wasted, rows),
                share(underweight, rows),
                lowBirthWeight,
                wrongPosition,
                withPoint,
                pointOutside,
                unknownRw);
    }

    private static double share(long count, long rows) {
        return rows == 0 ? 0 : count / (double) rows;
    }

    private void writeSite(CsvOut out, Site site, long pass, long limit) {
        SplittableRandom random = Draw.stream(cases.seed(), SyntheticCases.SALT_EPPGBM, site.code, pass);
        long[] siteRounds = site.defaultRounds;
        double windowDays = siteRounds[SyntheticCases.ROUNDS - 1]
                - siteRounds[0]
                + SyntheticCases.MAX_AGE_DAYS
                - SyntheticCases.MIN_AGE_DAYS
                + 1;
        double expected = SyntheticCases.BALITA_SHARE
                * site.population
                * cases.scale()
                * windowDays
                / (SyntheticCases.MAX_AGE_DAYS + 1.0);
        long count = Draw.stochasticRound(expected, random);
        for (long i = 0; i < count; i++) {
            if (limit >= 0 && out.rows() >= limit) {
                return;
            }
            writeChild(out, site, random, limit);
        }
    }

    private void writeChild(CsvOut out, Site site, SplittableRandom random, long limit) {
        // Registration: which posyandu (if any) measures this child.
        String posyandu;
        double u = random.nextDouble();
        if (site.posyandu.length > 0) {
            if (u < REGISTERED_OWN) {
                posyandu = Draw.oneOf(site.posyandu, random);
            } else if (u < REGISTERED_OWN + REGISTERED_NEARBY) {
                posyandu = Draw.oneOf(site.nearbyPosyandu.length > 0 ? site.nearbyPosyandu : site.posyandu, random);
            } else {
                return; // not registered: not in the export
            }
        } else if (u < NO_POSYANDU_NEARBY && site.nearbyPosyandu.length > 0) {
            posyandu = Draw.oneOf(site.nearbyPosyandu, random);
        } else if (u < NO_POSYANDU_NEARBY + NO_POSYANDU_EMPTY) {
            posyandu = "";
        } else {
            return;
        }
        long[] rounds = cases.rounds(posyandu.isEmpty() ? site.code : posyandu);
        long firstBirth = rounds[0] - SyntheticCases.MAX_AGE_DAYS;
        long lastBirth = rounds[SyntheticCases.ROUNDS - 1] - SyntheticCases.MIN_AGE_DAYS;
        long birthDay = firstBirth + (long) (random.nextDouble() * (lastBirth - firstBirth + 1));
        LocalDate birth = LocalDate.ofEpochDay(birthDay);
        boolean girl = random.nextDouble() < 0.488;
        int sex = girl ? 1 : 0;
        double haz0 = site.hazMean + SyntheticCases.HAZ_SD_CHILD * random.nextGaussian();
        // Short children tend to be thin too (correlation 0.3), which brings underweight near 15 %.
        double hazStandard = (haz0 - site.hazMean) / SyntheticCases.HAZ_SD_CHILD;
        double whz0 = site.whzMean
                + WHZ_SD_CHILD
                        * (HAZ_WHZ_CORRELATION * hazStandard
                                + Math.sqrt(1 - HAZ_WHZ_CORRELATION * HAZ_WHZ_CORRELATION) * random.nextGaussian());
        double attendanceOffset = (random.nextDouble() - 0.5) * 0.3;

        // Identity and birth: the fixed start of every row of this child.
        String nik = random.nextDouble() < WITHOUT_NIK ? null : niks.next(site.nikPrefix, birth, girl);
        String name = Names.young(girl, random);
        String parent = random.nextDouble() < 0.85 ? Names.adult(true, birth.getYear() - 27, random) : "";
        Address address = Address.draw(site, true, random);
        double birthWeightZ =
                -0.42 + 0.35 * (haz0 - cityHazMean) / SyntheticCases.HAZ_SD_CHILD + 0.937 * random.nextGaussian();
        long birthWeightGrams =
                Math.max(800, Math.min(5500, 10 * Math.round(who.weightForAgeAt(sex, 0, birthWeightZ) * 100)));
        boolean writeBirthWeight = random.nextDouble() < 0.92;
        boolean birthWeightInGrams = random.nextDouble() < BIRTH_WEIGHT_IN_GRAMS;
        double birthLength = who.lengthAt(sex, 0, haz0 + 0.4 * random.nextGaussian());
        boolean writeBirthLength = random.nextDouble() < 0.70;

        StringBuilder start = new StringBuilder(200);
        if (nik != null) {
            start.append(nik);
        }
        start.append(';');
        CsvOut.text(start, name).append(';').append(girl ? 'P' : 'L').append(';');
        CsvOut.date(start, birth).append(';');
        if (writeBirthWeight) {
            if (birthWeightInGrams) {
                start.append(birthWeightGrams);
            } else {
                CsvOut.decimal(start, birthWeightGrams / 1000.0, 2);
            }
        }
        start.append(';');
        if (writeBirthLength) {
            CsvOut.decimal(start, birthLength, 1);
        }
        start.append(';');
        CsvOut.text(start, parent).append(';').append(address.fields()).append(';');
        CsvOut.text(start, posyandu).append(';');
        String fixed = start.toString();

        boolean counted = false;
        for (int r = 0; r < SyntheticCases.ROUNDS; r++) {
            long ageDays = rounds[r] - birthDay;
            if (ageDays < SyntheticCases.MIN_AGE_DAYS || ageDays > SyntheticCases.MAX_AGE_DAYS) {
                continue;
            }
            double attendance = Math.max(0.3, Math.min(0.98, cases.attendance(r) + attendanceOffset));
            if (random.nextDouble() >= attendance) {
                continue;
            }
            if (limit >= 0 && out.rows() >= limit) {
                break;
            }
            if (!counted) {
                counted = true;
                children++;
                childrenWithoutNik += nik == null ? 1 : 0;
                lowBirthWeight += writeBirthWeight && birthWeightGrams < 2500 ? 1 : 0;
            }
            writeMeasurement(out, fixed, sex, birth, rounds[r], (int) ageDays, haz0, whz0, random);
            withPoint += address.kind() == Address.POINT || address.kind() == Address.POINT_OUTSIDE ? 1 : 0;
            pointOutside += address.kind() == Address.POINT_OUTSIDE ? 1 : 0;
            unknownRw += address.kind() == Address.UNKNOWN_RW ? 1 : 0;
        }
    }

    private void writeMeasurement(
            CsvOut out,
            String fixed,
            int sex,
            LocalDate birth,
            long day,
            int ageDays,
            double haz0,
            double whz0,
            SplittableRandom random) {
        double haz = haz0 + SyntheticCases.hazAgeShift(ageDays) + SyntheticCases.HAZ_SD_VISIT * random.nextGaussian();
        double whz = whz0 + WHZ_SD_VISIT * random.nextGaussian();
        boolean lyingExpected = ageDays < TWO_YEARS_DAYS;
        // Length (lying, under 731 days) or height (standing) as WHO expects it for the age.
        double stature = who.lengthAt(sex, ageDays, haz);
        double weight = who.weightForStatureAt(sex, lyingExpected, stature, whz);
        if (Double.isNaN(weight)) {
            weight = who.weightForAgeAt(sex, ageDays, 0.55 * haz + 0.6 * whz);
        }
        weight = Math.max(1.0, weight);
        boolean lying = lyingExpected;
        if (ageDays >= NINE_MONTHS_DAYS && random.nextDouble() < WRONG_POSITION) {
            lying = !lyingExpected;
            wrongPosition++;
        }
        // Standing reads about 0.7 cm less than lying: the written value matches the written position.
        double measured = lying == lyingExpected ? stature : (lying ? stature + 0.7 : stature - 0.7);
        double weightRounded = Math.round(weight * 10) / 10.0;
        stunted += haz < -2 ? 1 : 0;
        wasted += whz < -2 ? 1 : 0;
        underweight += who.weightForAgeZ(sex, ageDays, weightRounded) < -2 ? 1 : 0;

        LocalDate date = LocalDate.ofEpochDay(day);
        StringBuilder row = out.row();
        row.append(fixed);
        CsvOut.date(row, date).append(';');
        Period age = Period.between(birth, date);
        row.append(age.getYears())
                .append(" Tahun - ")
                .append(age.getMonths())
                .append(" Bulan - ")
                .append(age.getDays())
                .append(" Hari;");
        CsvOut.decimal(row, weightRounded, 1).append(';');
        CsvOut.decimal(row, measured, 1).append(';');
        row.append(lying ? "Terlentang" : "Berdiri").append(';');
        if (ageDays >= 183 && random.nextDouble() < WITH_LILA) {
            double lila = 13.6 + 0.035 * (ageDays / 30.4375) + 0.9 * whz + 0.4 * random.nextGaussian();
            CsvOut.decimal(row, Math.max(9, lila), 1);
        }
        row.append(';');
        if (random.nextDouble() < 0.8) {
            row.append("Tidak");
        }
        out.endRow();
    }
}
