package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.MissingReason;
import id.ilpatlas.api.cases.aggregate.RegisterCoverage;
import id.ilpatlas.api.cases.importing.ImportFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the case registers of a kab/kota cover: per register, the days its imports report on (import_job_coverage,
 * V28), its first and last import, and for the P3KE/DTSEN snapshot its date. An indicator of a period its register
 * does not cover is missing ({@code NO_DATA}), of a period it covers in part is missing too ({@code PARTIAL_PERIOD}):
 * no data is not zero.
 */
@Service
public class DataAvailability implements RegisterCoverage {

    /** Days {@code from}..{@code to}, both inclusive. */
    public record Range(LocalDate from, LocalDate to) {}

    /** One register of a kab/kota. */
    public record Register(
            ImportFormat register,
            List<Range> covered,
            OffsetDateTime firstImport,
            OffsetDateTime lastImport,
            int imports,
            LocalDate snapshotDate) {

        /** Whether it holds a snapshot (the register as it stands) rather than dated events. */
        public boolean snapshot() {
            return register == ImportFormat.P3KE;
        }

        /** The share of the days of {@code from}..{@code to} covered (0–1); a snapshot: 1 once there is one. */
        public double completeness(LocalDate from, LocalDate to) {
            if (snapshot()) {
                return snapshotDate == null ? 0 : 1;
            }
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            long covered = 0;
            for (Range r : this.covered) {
                LocalDate a = r.from().isAfter(from) ? r.from() : from;
                LocalDate b = r.to().isBefore(to) ? r.to() : to;
                if (!b.isBefore(a)) {
                    covered += ChronoUnit.DAYS.between(a, b) + 1;
                }
            }
            return (double) covered / days;
        }

        /** Why a count of the period is missing: null when the period is covered completely. */
        public MissingReason reason(LocalDate from, LocalDate to) {
            double share = completeness(from, to);
            return share >= 1 ? null : share == 0 ? MissingReason.NO_DATA : MissingReason.PARTIAL_PERIOD;
        }

        /** The calendar periods from the first covered month to the last, with their completeness. */
        public List<PeriodCompleteness> periods(PeriodGranularity granularity) {
            List<PeriodCompleteness> result = new ArrayList<>();
            LocalDate first = snapshot()
                    ? snapshotDate
                    : covered.isEmpty() ? null : covered.get(0).from();
            LocalDate last = snapshot()
                    ? snapshotDate
                    : covered.isEmpty() ? null : covered.get(covered.size() - 1).to();
            if (first == null) {
                return result;
            }
            for (IndicatorPeriod p : granularity.periods(YearMonth.from(first), YearMonth.from(last))) {
                double share = completeness(p.from(), p.to());
                MissingReason reason = reason(p.from(), p.to());
                result.add(new PeriodCompleteness(
                        p.key(), p.from(), p.to(), share, reason == null ? "COMPLETE" : reason.name()));
            }
            return result;
        }
    }

    /** A calendar period's completeness (GraphQL type {@code PeriodCompleteness}). */
    public record PeriodCompleteness(String period, LocalDate from, LocalDate to, double completeness, String status) {}

    /** Every register of a kab/kota (registers never imported have no range and no import). */
    public record Coverage(String kabkotaCode, Map<ImportFormat, Register> registers) {

        public Register register(ImportFormat format) {
            return registers.get(format);
        }

        /** Why a count of a register is missing for {@code from}..{@code to}; null when it is not. */
        public MissingReason reason(ImportFormat format, LocalDate from, LocalDate to) {
            return registers.get(format).reason(from, to);
        }

        public List<Register> list() {
            return List.copyOf(registers.values());
        }
    }

    private final JdbcClient jdbc;

    DataAvailability(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<ImportFormat, MissingReason> reasons(String kabkota, LocalDate from, LocalDate to) {
        Map<ImportFormat, MissingReason> reasons = new EnumMap<>(ImportFormat.class);
        of(kabkota).registers().forEach((format, register) -> {
            MissingReason reason = register.reason(from, to);
            if (reason != null) {
                reasons.put(format, reason);
            }
        });
        return reasons;
    }

    /** Whether the kab/kota is in the region table. */
    @Override
    public boolean knows(String kabkota) {
        return jdbc.sql("SELECT count(*) FROM regions WHERE code = :k AND level = 'KABKOTA'")
                        .param("k", kabkota)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public Coverage of(String kabkota) {
        Map<ImportFormat, List<Range>> ranges = new EnumMap<>(ImportFormat.class);
        Map<ImportFormat, Object[]> imports = new EnumMap<>(ImportFormat.class);
        for (ImportFormat f : ImportFormat.values()) {
            ranges.put(f, new ArrayList<>());
        }
        jdbc.sql("""
                        SELECT c.register, lower(r) AS covers_from, upper(r) - 1 AS covers_to
                          FROM register_coverage(:k) c, unnest(c.covered) r
                         ORDER BY 1, 2""")
                .param("k", kabkota)
                .query((rs, n) -> ranges.get(ImportFormat.valueOf(rs.getString(1)))
                        .add(new Range(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class))))
                .list();
        jdbc.sql("SELECT register, first_import, last_import, imports FROM register_coverage(:k)")
                .param("k", kabkota)
                .query((rs, n) -> imports.put(ImportFormat.valueOf(rs.getString(1)), new Object[] {
                    rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class), rs.getInt(4)
                }))
                .list();
        LocalDate snapshot = jdbc.sql("SELECT max(as_of) FROM poverty_households WHERE kabkota_code = :k")
                .param("k", kabkota)
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        Map<ImportFormat, Register> registers = new EnumMap<>(ImportFormat.class);
        for (ImportFormat f : ImportFormat.values()) {
            Object[] i = imports.getOrDefault(f, new Object[] {null, null, 0});
            registers.put(
                    f,
                    new Register(
                            f,
                            List.copyOf(ranges.get(f)),
                            (OffsetDateTime) i[0],
                            (OffsetDateTime) i[1],
                            (Integer) i[2],
                            f == ImportFormat.P3KE ? snapshot : null));
        }
        return new Coverage(kabkota, registers);
    }
}
