package id.ilpatlas.geo.synthetic;

/**
 * What one PERMAISURI file holds: every pregnancy due in the 365 days up to the reference date (most of them
 * delivered) plus the pregnancies still ongoing that were detected (8 weeks or more since HPHT). Risk shares:
 * {@link PregnancyRisks}.
 *
 * @param rows pregnancies written
 * @param births rows with {@code Tgl Persalinan}
 * @param targetBirths expected births in the 365 days: crude birth rate 16 per 1000 x population
 * @param ongoing rows without a birth
 * @param lowBirthWeight births below 2500 g (BBLR)
 * @param maternalDeaths rows with {@code Tgl Kematian Ibu}
 * @param infantDeaths rows with {@code Tgl Kematian Bayi}
 * @param kek rows with LiLA below 23,5 cm
 * @param under20 mothers under 20 at HPHT
 * @param over35 mothers over 35 at HPHT
 * @param tooClose rows with {@code Jarak Kehamilan} under 24 months
 * @param fourT rows with at least one 4T factor (Indonesian definition, {@link PregnancyRisks#fourT})
 * @param anaemia rows with {@code Anemia} in {@code Faktor Risiko Lain}
 * @param highRisk rows with a 4T factor or an obstetric or medical one in {@code Faktor Risiko Lain} (not KEK or
 *     anaemia alone): the register's {@code high_risk} (bumil risti)
 * @param rowsPointOutsideRw deliberate quirk: point slightly outside the stated RW
 * @param rowsUnknownRwNumber deliberate quirk: RW number that does not exist in the kelurahan
 */
public record PermaisuriSummary(
        long rows,
        long births,
        double targetBirths,
        long ongoing,
        long lowBirthWeight,
        long maternalDeaths,
        long infantDeaths,
        long kek,
        long under20,
        long over35,
        long tooClose,
        long fourT,
        long anaemia,
        long highRisk,
        long rowsPointOutsideRw,
        long rowsUnknownRwNumber) {}
