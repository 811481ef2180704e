package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The importer's cache of identity hashes (issue 19): a child's rows repeat its NIK (or, without one, its name, birth
 * date, sex and kelurahan), so each identity is hashed once per file; the cache reports hits and misses on the
 * registry, and it is empty once a job has ended (no clear NIK stays in memory). The same NIK imported by callers of
 * different scope gets different answers: the Dinkes' row is imported, the same row from Tirto's puskesmas (a Medono
 * address it does not cover) is rejected as belonging to another area, although its hash comes from the cache.
 */
@Slow
class ImportIdentityCacheTest extends CaseTestSupport {

    private static final String CACHE = "atlas.import.keyed-hashes";
    private static final String HEADER = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Tinggi\n";

    @Autowired
    MeterRegistry registry;

    private double gets(String result) {
        FunctionCounter counter = registry.find("cache.gets")
                .tag("cache", CACHE)
                .tag("result", result)
                .functionCounter();
        assertThat(counter)
                .as("cache.gets{cache=%s, result=%s} on the registry", CACHE, result)
                .isNotNull();
        return counter.count();
    }

    private double size() {
        Gauge gauge = registry.find("cache.size").tag("cache", CACHE).gauge();
        assertThat(gauge).as("cache.size{cache=%s} on the registry", CACHE).isNotNull();
        return gauge.value();
    }

    @Test
    void eachIdentityIsHashedOncePerFileAndForgottenAfterTheJob() {
        Fixture file = render(HEADER
                + "{{NIK:1}};Anak {{RUN}} a;P;05/01/2023;33.75.01.1002;2;1;15/01/2025;9,1;78,0\n"
                + "{{NIK:1}};Anak {{RUN}} a;P;05/01/2023;33.75.01.1002;2;1;15/02/2025;9,4;79,0\n"
                + "{{NIK:1}};Anak {{RUN}} a;P;05/01/2023;33.75.01.1002;2;1;15/03/2025;9,6;80,0\n"
                + ";Anak {{RUN}} tanpa NIK;L;10/06/2024;33.75.01.1002;3;1;15/02/2025;7,9;68,0\n"
                + ";Anak {{RUN}} tanpa NIK;L;10/06/2024;33.75.01.1002;3;1;15/03/2025;8,1;69,5\n");
        double hits = gets("hit");
        double misses = gets("miss");

        ImportJob job = importFixture(ImportFormat.EPPGBM, file);

        assertThat(job.state()).as(job.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(job.rowsInserted()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM children WHERE name LIKE :m", "m", "Anak " + file.marker() + " %"))
                .as("two children")
                .isEqualTo(2);
        assertThat(gets("miss") - misses).as("one hash per identity").isEqualTo(2);
        assertThat(gets("hit") - hits).as("the repeated rows read the cache").isEqualTo(3);
        assertThat(size()).as("entries left after the job").isZero();
    }

    @Test
    void theSameNikFromCallersOfDifferentScopeGetsDifferentAnswers() {
        Fixture file =
                render(HEADER + "{{NIK:1}};Anak {{RUN}} medono;P;05/01/2023;33.75.01.1002;2;1;15/01/2025;9,1;78,0\n");

        ImportJob dinkes = importFixture(ImportFormat.EPPGBM, file);
        ImportJob tirto = importBytes(ImportFormat.EPPGBM, "eppgbm-tirto-" + RUN + ".csv", file.bytes(), TIRTO_STAFF);

        assertThat(dinkes.rowsInserted()).as(dinkes.describe()).isEqualTo(1);
        assertThat(tirto.rowsInserted() + tirto.rowsUpdated() + tirto.rowsUnchanged())
                .as(tirto.describe())
                .isZero();
        assertThat(tirto.rowsRejected()).isEqualTo(1);
        assertThat(problemsOf(tirto)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo("REJECTED");
            assertThat(p.reason()).startsWith("belongs to another area");
        });
    }
}
