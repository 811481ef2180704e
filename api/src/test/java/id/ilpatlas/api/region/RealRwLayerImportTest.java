package id.ilpatlas.api.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.api.cli.AtlasCli;
import id.ilpatlas.api.demo.PekalonganReferenceData;
import id.ilpatlas.api.region.RwImportReport.FeatureIssue;
import id.ilpatlas.api.region.RwImportReport.KelurahanResult;
import id.ilpatlas.api.region.RwImportReport.Severity;
import id.ilpatlas.api.region.RwImportReport.Status;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RW layer built like a real one and imported through the {@code ./atlas import rw} entry ({@link AtlasCli}) in
 * both modes. The layer's kelurahan come from another source than ours (the Kemendagri-coded set, test resource
 * {@code rw-layer/}; the demo regions are BPN 2017): four kelurahan of Pekalongan Selatan split into RWs (seeded points,
 * Voronoi cells), with a sliver, a non-residential cell left out (a gap), an RW shrunk by 3 m (thin gaps), an RW grown by
 * 15 m (overlaps), a market cut out of an RW (a hole), an RW digitised as two features (a duplicate number), RW numbers
 * written five ways, kelurahan named by dotted code, undotted code, name or not at all, and strays: an RW of Buaran
 * Kradenan that lies mostly in Pringrejo (a kelurahan the layer does not cover) and an RW of Jenggot moved into Buaran.
 */
@Slow
class RealRwLayerImportTest extends IntegrationTest {

    /** The seed of the RW points (ST_GeneratePoints). */
    static final int SEED = 20261207;

    static final String BANYURIP = "33.75.04.1002";
    static final String BUARAN = "33.75.04.1003";
    static final String JENGGOT = "33.75.04.1004";
    static final String KERTOHARJO = "33.75.04.1006";
    static final String PRINGREJO = "33.75.01.1012";
    static final String SOKODUWET = "33.75.04.1010";
    static final List<String> LAYER_KELURAHAN = List.of(BANYURIP, BUARAN, JENGGOT, KERTOHARJO);
    /** RWs per kelurahan in the layer (at least the synthetic counts, so plain replacement deletes no RW). */
    static final Map<String, Integer> RW_COUNTS = Map.of(BANYURIP, 10, BUARAN, 10, JENGGOT, 12, KERTOHARJO, 6);

    @Autowired
    RwImporter importer;

    @Autowired
    PekalonganReferenceData referenceData;

    private final RegionSnapshot snapshot = new RegionSnapshot();

    @BeforeEach
    void remember() {
        snapshot.take(jdbc);
    }

    @AfterEach
    void restore() {
        snapshot.restore(jdbc, referenceData);
    }

    @Test
    void clipKeepsOurBoundariesAndHoldsBackEveryKelurahanWithARejectedRw(@TempDir Path dir) throws IOException {
        Layer layer = buildLayer();
        Cli run = cli(layer.write(dir), "");

        RwImportReport report = run.report();
        String seen = "seed " + SEED + "\n" + report.describe();
        assertThat(run.exitCode()).as(seen).isEqualTo(1);
        assertThat(report.featuresRead()).as(seen).isEqualTo(layer.size());
        assertAssignedByMajorityOverlap(layer, report, seen);

        // Only Banyurip has no rejected feature: its RWs are replaced; the others keep their synthetic RWs.
        assertThat(statuses(report))
                .as(seen)
                .containsExactly(
                        Map.entry(PRINGREJO, Status.KEPT),
                        Map.entry(BANYURIP, Status.REPLACED),
                        Map.entry(BUARAN, Status.KEPT),
                        Map.entry(JENGGOT, Status.KEPT),
                        Map.entry(KERTOHARJO, Status.KEPT));
        assertThat(report.issues(Severity.REJECTED))
                .as(seen)
                .extracting(FeatureIssue::featureNumber)
                .containsExactly(
                        layer.number("buaran-rw1-in-pringrejo"),
                        layer.number("buaran-rw2"),
                        layer.number("buaran-rw3"),
                        layer.number("buaran-rw5-grown"),
                        layer.number("buaran-rw6"),
                        layer.number("buaran-rw9"),
                        layer.number("jenggot-rw1"),
                        layer.number("jenggot-rw3-east"),
                        layer.number("jenggot-rw4-moved-into-buaran"),
                        layer.number("jenggot-rw7"),
                        layer.number("jenggot-rw11"),
                        layer.number("kertoharjo-rw2"));
        assertThat(report.issues(Severity.DROPPED))
                .as(seen)
                .extracting(FeatureIssue::featureNumber)
                .containsExactly(layer.number("sliver"));
        assertThat(run.output())
                .as(seen)
                .contains(
                        "RW import of real-rw-layer.geojson (CLIP to our kelurahan, "
                                + "outside tolerance 10%, minimum area 100 m², assigned by majority overlap, whole kelurahan only)");

        // The stray of Buaran in Pringrejo: the attribute disagrees, and the layer does not cover Pringrejo.
        int stray = layer.number("buaran-rw1-in-pringrejo");
        assertThat(issue(report, stray, Severity.NOTE, "nmdesa").reason())
                .as(seen)
                .matches(
                        "says 33\\.75\\.04\\.1003 Buaran Kradenan, but the feature lies 8\\d\\.\\d% in 33\\.75\\.01\\.1012 "
                                + "Pringrejo \\(1\\d\\.\\d% in 33\\.75\\.04\\.1003 Buaran Kradenan\\): assigned to .*by overlap.*");
        assertThat(issue(report, stray, Severity.REJECTED, "geometry").reason())
                .as(seen)
                .contains("but the layer covers only")
                .contains("a stray of another boundary, not imported");
        assertThat(issue(report, stray, Severity.REJECTED, "geometry").label())
                .isEqualTo("feature #" + stray + " (rw 'RW 001' → 33.75.01.1012.RW001)");
        // Beyond the 10 % tolerance: Buaran's RWs along the Pringrejo edge, Jenggot's along Buaran.
        assertThat(issue(report, layer.number("buaran-rw2"), Severity.REJECTED, "geometry")
                        .reason())
                .as(seen)
                .matches(
                        "4\\d\\.\\d% of the RW lies outside kelurahan 33\\.75\\.04\\.1003 Buaran Kradenan \\(tolerance "
                                + "10%, --outside-tolerance\\): 33\\.75\\.01\\.1012 Pringrejo 4\\d\\.\\d%");
        // The duplicate and the stray from Jenggot that collides with Buaran's RW 4.
        assertThat(issue(report, layer.number("jenggot-rw3-east"), Severity.REJECTED, "rw")
                        .reason())
                .as(seen)
                .isEqualTo("'003' is RW003, already given in this kelurahan by feature #"
                        + layer.number("jenggot-rw3-west") + " ('RW 03')");
        int moved = layer.number("jenggot-rw4-moved-into-buaran");
        assertThat(issue(report, moved, Severity.NOTE, "kode_kelurahan").reason())
                .as(seen)
                .matches(
                        "says 33\\.75\\.04\\.1004 Jenggot, but the feature lies 6\\d\\.\\d% in 33\\.75\\.04\\.1003 Buaran "
                                + "Kradenan \\(3\\d\\.\\d% in 33\\.75\\.04\\.1004 Jenggot\\): assigned to 33\\.75\\.04\\.1003 Buaran "
                                + "Kradenan by overlap \\(--assign-by attribute follows the attribute\\)");
        assertThat(issue(report, moved, Severity.REJECTED, "geometry").reason())
                .as(seen)
                .startsWith("3")
                .contains("% of the RW lies outside kelurahan 33.75.04.1003 Buaran Kradenan");
        // The sliver is dropped, does not hold Banyurip back and is not an error.
        assertThat(issue(report, layer.number("sliver"), Severity.DROPPED, "geometry")
                        .reason())
                .as(seen)
                .matches("sliver of \\d\\d m² inside 33\\.75\\.04\\.1002 Banyurip \\(minimum 100 m², --min-area-m2\\)");

        // Banyurip: 9 RWs (RW007 is a rice field left out), names normalised, clipped to our boundary, no overlap,
        // the uncovered area reported as PostGIS measures it independently.
        assertThat(rwCodes(BANYURIP))
                .containsExactly(
                        BANYURIP + ".RW001",
                        BANYURIP + ".RW002",
                        BANYURIP + ".RW003",
                        BANYURIP + ".RW004",
                        BANYURIP + ".RW005",
                        BANYURIP + ".RW006",
                        BANYURIP + ".RW008",
                        BANYURIP + ".RW009",
                        BANYURIP + ".RW010");
        assertRwsTileInsideTheirKelurahan(BANYURIP, report.kelurahan(BANYURIP), seen);
        KelurahanResult banyurip = report.kelurahan(BANYURIP);
        assertThat(banyurip.uncoveredSquareMeters()).as(seen).isGreaterThan(layer.sawahSquareMeters() * 0.9);
        assertThat(banyurip.uncoveredPieces()).as(seen).isGreaterThanOrEqualTo(1);
        assertThat(population(BANYURIP + ".RW002")).as("given in the file").isEqualTo(1500);
        assertThat(populationOfRws(BANYURIP)).as("the rest apportioned by area").isEqualTo(population(BANYURIP));
        for (String kept : List.of(BUARAN, JENGGOT, KERTOHARJO, PRINGREJO)) {
            assertThat(snapshot.rwsUnchanged(jdbc, kept))
                    .as(kept + " keeps its synthetic RWs; " + seen)
                    .isTrue();
        }
        assertThat(report.stillSynthetic())
                .as(seen)
                .hasSize(26)
                .contains(BUARAN + " Buaran Kradenan")
                .doesNotContain(BANYURIP + " Banyurip");
        assertThat(run.output())
                .as(seen)
                .contains("still synthetic (generated RWs): 26 kelurahan: 33.75.01.1002 Medono");
    }

    @Test
    void clipWithPartialImportAndAWiderToleranceImportsEveryCoveredKelurahanOnceAndThenNothing(@TempDir Path dir)
            throws IOException {
        Layer layer = buildLayer();
        Path file = layer.write(dir);
        Cli run = cli(file, "--outside-tolerance 50% --partial");
        RwImportReport report = run.report();
        String seen = "seed " + SEED + "\n" + report.describe();

        assertThat(statuses(report))
                .as(seen)
                .containsExactly(
                        Map.entry(PRINGREJO, Status.KEPT),
                        Map.entry(BANYURIP, Status.REPLACED),
                        Map.entry(BUARAN, Status.PARTIAL),
                        Map.entry(JENGGOT, Status.PARTIAL),
                        Map.entry(KERTOHARJO, Status.REPLACED));
        assertThat(report.issues(Severity.REJECTED))
                .as(seen)
                .extracting(FeatureIssue::featureNumber)
                .containsExactly(
                        layer.number("buaran-rw1-in-pringrejo"),
                        layer.number("jenggot-rw1"),
                        layer.number("jenggot-rw3-east"),
                        layer.number("jenggot-rw4-moved-into-buaran"));
        // Jenggot's RW 4, moved into Buaran, is within the tolerance now, but Buaran has its own RW 4.
        assertThat(issue(report, layer.number("jenggot-rw4-moved-into-buaran"), Severity.REJECTED, "rw")
                        .reason())
                .as(seen)
                .isEqualTo("'RW 04' is RW004, already given in this kelurahan by feature #" + layer.number("buaran-rw4")
                        + " ('RW 04')");
        // Jenggot's RW 1 lies more than half outside; Buaran's RW 2 is now within the tolerance and cut.
        assertThat(issue(report, layer.number("jenggot-rw1"), Severity.REJECTED, "geometry")
                        .reason())
                .as(seen)
                .contains("outside kelurahan 33.75.04.1004 Jenggot (tolerance 50%");
        assertThat(issue(report, layer.number("buaran-rw2"), Severity.NOTE, "geometry")
                        .reason())
                .as(seen)
                .matches("[0-9,]+ m² \\(4\\d\\.\\d%\\) outside kelurahan 33\\.75\\.04\\.1003 Buaran Kradenan cut off: "
                        + "33\\.75\\.01\\.1012 Pringrejo 4\\d\\.\\d%");
        // The grown RW overlaps the RW before it (it gives way) and the RWs after it (they give way).
        int grown = layer.number("buaran-rw5-grown");
        assertThat(issues(report, grown, Severity.NOTE, "geometry"))
                .as(seen)
                .anySatisfy(note -> assertThat(note.reason())
                        .matches(
                                "overlaps feature #\\d+ \\(33\\.75\\.04\\.1003\\.RW00\\d\\) by [0-9,]+ m² \\(\\d+\\.\\d% of this "
                                        + "RW\\): the overlap stays with #\\d+, earlier in the file"));

        for (String code : LAYER_KELURAHAN) {
            assertRwsTileInsideTheirKelurahan(code, report.kelurahan(code), seen);
            assertThat(populationOfRws(code)).as(code).isEqualTo(population(code));
        }
        // Jenggot: the duplicate's first half is RW003; the market is a hole in RW009, and part of the uncovered area.
        assertThat(rwCodes(JENGGOT))
                .as(seen)
                .contains(JENGGOT + ".RW003", JENGGOT + ".RW009")
                .doesNotContain(JENGGOT + ".RW001", JENGGOT + ".RW004");
        assertThat(jdbc.sql("SELECT ST_NumInteriorRings(ST_GeometryN(geom, 1)) FROM regions WHERE code = :c")
                        .param("c", JENGGOT + ".RW009")
                        .query(Integer.class)
                        .single())
                .as("the market is a hole")
                .isEqualTo(1);
        assertThat(report.kelurahan(JENGGOT).uncoveredSquareMeters()).as(seen).isGreaterThan(Math.PI * 60 * 60 * 0.95);
        assertThat(report.kelurahan(KERTOHARJO).rejectedFeatures()).isEmpty();
        assertThat(report.stillSynthetic()).as(seen).hasSize(23);

        Map<String, List<Map<String, Object>>> rws = new TreeMap<>();
        LAYER_KELURAHAN.forEach(code -> rws.put(code, rowsOf(code)));
        long auditsBefore = audits();

        Cli again = cli(file, "--partial --outside-tolerance=50");
        String seenAgain = again.report().describe();
        assertThat(again.report().unchanged()).as(seenAgain).isTrue();
        assertThat(statuses(again.report()))
                .as(seenAgain)
                .containsExactly(
                        Map.entry(PRINGREJO, Status.KEPT),
                        Map.entry(BANYURIP, Status.UNCHANGED),
                        Map.entry(BUARAN, Status.PARTIAL),
                        Map.entry(JENGGOT, Status.PARTIAL),
                        Map.entry(KERTOHARJO, Status.UNCHANGED));
        assertThat(again.report().features()).as("the same remarks").isEqualTo(report.features());
        LAYER_KELURAHAN.forEach(
                code -> assertThat(rowsOf(code)).as(code + " the same rows").isEqualTo(rws.get(code)));
        assertThat(audits()).as("each import is audited per kelurahan").isEqualTo(auditsBefore + 5);
    }

    @Test
    void adoptRebuildsTheKelurahanFromTheirRwsAndReportsTheAreaMoved(@TempDir Path dir) throws IOException {
        // Sokoduwet already has a real RW layer (imported before): ADOPT must not cut it.
        RwImportReport sokoduwet = importer.importGeoJson(
                new java.io.ByteArrayInputStream(halvesOf(SOKODUWET).getBytes(StandardCharsets.UTF_8)),
                "sokoduwet.geojson");
        assertThat(sokoduwet.errors()).isEmpty();
        Map<String, Object> sokoduwetBefore = boundary(SOKODUWET);
        double kotaBefore = areaSquareMeters("33.75");

        Layer layer = buildLayer();
        Path file = layer.write(dir);
        Cli run = cli(file, "--mode adopt --partial");
        RwImportReport report = run.report();
        String seen = "seed " + SEED + "\n" + report.describe();

        assertThat(run.output())
                .as(seen)
                .contains("(ADOPT the layer's kelurahan boundaries, minimum area 100 m², "
                        + "assigned by majority overlap, partial kelurahan imported)");
        assertThat(report.kelurahan(BANYURIP).status()).as(seen).isEqualTo(Status.REPLACED);
        assertThat(report.kelurahan(KERTOHARJO).status()).as(seen).isEqualTo(Status.REPLACED);
        assertThat(report.kelurahan(BUARAN).status()).as(seen).isEqualTo(Status.PARTIAL);
        assertThat(report.kelurahan(JENGGOT).status()).as(seen).isEqualTo(Status.PARTIAL);
        // No tolerance in ADOPT: Jenggot's RW 1 (half in Buaran and Medono) is imported, and takes Medono's part.
        assertThat(report.issues(Severity.REJECTED))
                .as(seen)
                .extracting(FeatureIssue::featureNumber)
                .containsExactlyInAnyOrder(
                        layer.number("buaran-rw1-in-pringrejo"),
                        layer.number("jenggot-rw3-east"),
                        layer.number("jenggot-rw4-moved-into-buaran"));
        assertThat(rwCodes(JENGGOT)).contains(JENGGOT + ".RW001");
        KelurahanResult medono = report.kelurahan("33.75.01.1002");
        assertThat(medono.status()).as(seen).isEqualTo(Status.BOUNDARY_CHANGED);
        assertThat(medono.lost()).as(seen).anySatisfy(move -> {
            assertThat(move.otherCode()).isEqualTo(JENGGOT);
            assertThat(move.areaSquareMeters()).isGreaterThan(10_000);
        });
        assertThat(report.kelurahan(JENGGOT).gained())
                .as(seen)
                .anySatisfy(move -> assertThat(move.otherCode()).isEqualTo("33.75.01.1002"));
        assertThat(run.output())
                .as(seen)
                .containsPattern(
                        "boundary changed +33\\.75\\.01\\.1002 Medono: \\d+ RWs; area "
                                + "[0-9,]+ → [0-9,]+ m² \\(-\\d+\\.\\d%\\), gained 0 m², lost [0-9,]+ m² \\(to 33\\.75\\.04\\.1004 Jenggot");
        // The kelurahan keeping real RWs is not cut: the layer's RW gives way.
        assertThat(boundary(SOKODUWET)).as("Sokoduwet untouched").isEqualTo(sokoduwetBefore);
        assertThat(issue(report, layer.number("kertoharjo-rw2"), Severity.NOTE, "geometry")
                        .reason())
                .as(seen)
                .matches(
                        "[0-9,]+ m² lie in 33\\.75\\.04\\.1010 Sokoduwet, which keeps real RWs of its own and is not in "
                                + "this layer: left to it");

        // Every move is reported on both sides, and area only comes from outside the kota or from a kelurahan.
        double gained = report.kelurahan().stream()
                .mapToDouble(KelurahanResult::gainedSquareMeters)
                .sum();
        double lost = report.kelurahan().stream()
                .mapToDouble(KelurahanResult::lostSquareMeters)
                .sum();
        double fromOutside = report.kelurahan().stream()
                .flatMap(k -> k.gained().stream())
                .filter(m -> m.otherCode() == null)
                .mapToDouble(RwImportReport.AreaMove::areaSquareMeters)
                .sum();
        assertThat(gained).as(seen).isCloseTo(lost + fromOutside, within(1.0));
        for (KelurahanResult k : report.kelurahan()) {
            assertThat(k.areaSquareMetersAfter())
                    .as(k.code() + "; " + seen)
                    .isCloseTo(
                            k.areaSquareMetersBefore() + k.gainedSquareMeters() - k.lostSquareMeters(), within(10.0));
            assertThat(areaSquareMeters(k.code())).as(k.code()).isCloseTo(k.areaSquareMetersAfter(), within(1.0));
        }
        assertThat(areaSquareMeters("33.75"))
                .as("the kota grows by what came from outside it")
                .isCloseTo(kotaBefore + fromOutside, within(5.0));

        // Each rebuilt kelurahan holds its RWs; the hierarchy nests exactly again.
        for (String code : LAYER_KELURAHAN) {
            assertRwsTileInsideTheirKelurahan(code, report.kelurahan(code), seen);
        }
        assertThat(symmetricDifferenceSquareMeters("33.75.04"))
                .as("kecamatan = union of its kelurahan")
                .isLessThan(1);
        assertThat(symmetricDifferenceSquareMeters("33.75.01"))
                .as("kecamatan = union of its kelurahan")
                .isLessThan(1);
        assertThat(symmetricDifferenceSquareMeters("33.75"))
                .as("kota = union of its kelurahan")
                .isLessThan(1);
        assertThat(jdbc.sql("""
                SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) FROM regions a
                  JOIN regions b ON a.level = 'KELURAHAN' AND b.level = 'KELURAHAN' AND a.code < b.code
                               AND a.kabkota_code = '33.75' AND b.kabkota_code = '33.75'
                               AND ST_Intersects(a.geom, b.geom)""").query(Double.class).single())
                .as("kelurahan do not overlap")
                .isLessThan(1);
        // A neighbour on synthetic RWs gets new synthetic RWs tiling its new boundary.
        assertThat(uncoveredSquareMeters("33.75.01.1002"))
                .as("Medono's synthetic RWs tile it")
                .isLessThan(1);

        Cli again = cli(file, "--mode=adopt --partial");
        assertThat(again.report().unchanged()).as(again.report().describe()).isTrue();
        assertThat(again.report().kelurahan(BANYURIP).status()).isEqualTo(Status.UNCHANGED);
        assertThat(again.report().kelurahan(BANYURIP).gained())
                .as("nothing moves twice")
                .isEmpty();
    }

    @Test
    void adoptByAttributeFollowsTheLayersOwnKelurahan(@TempDir Path dir) throws IOException {
        Layer layer = buildLayer();
        Cli run = cli(layer.write(dir), "--mode adopt --partial --assign-by attribute");
        RwImportReport report = run.report();
        String seen = "seed " + SEED + "\n" + report.describe();

        // The RW of Buaran lying mostly in Pringrejo stays Buaran's, and Buaran takes that area from Pringrejo.
        int stray = layer.number("buaran-rw1-in-pringrejo");
        assertThat(issue(report, stray, Severity.NOTE, "nmdesa").reason())
                .as(seen)
                .endsWith("assigned to " + "33.75.04.1003 Buaran Kradenan by its attribute");
        assertThat(report.issues(Severity.REJECTED))
                .as(seen)
                .extracting(FeatureIssue::featureNumber)
                .doesNotContain(stray);
        assertThat(rwCodes(BUARAN)).contains(BUARAN + ".RW001");
        assertThat(report.kelurahan(PRINGREJO).lost()).as(seen).anySatisfy(move -> {
            assertThat(move.otherCode()).isEqualTo(BUARAN);
            assertThat(move.areaSquareMeters()).isGreaterThan(20_000);
        });
        assertThat(report.kelurahan(PRINGREJO).status()).as(seen).isEqualTo(Status.BOUNDARY_CHANGED);
        assertThat(uncoveredSquareMeters(PRINGREJO))
                .as("Pringrejo's synthetic RWs tile its new boundary")
                .isLessThan(1);
    }

    // ------------------------------------------------------------------------------------------------- assertions

    /** Every placed feature went to the kelurahan holding most of it, measured independently on the spheroid. */
    private void assertAssignedByMajorityOverlap(Layer layer, RwImportReport report, String seen) {
        for (int number = 1; number <= layer.size(); number++) {
            String majority = jdbc.sql("""
                            SELECT k.code FROM regions k
                             WHERE k.level = 'KELURAHAN'
                               AND ST_Intersects(k.geom, ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326))
                             ORDER BY ST_Area(ST_Intersection(k.geom, ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326))::geography)
                                      DESC, k.code
                             LIMIT 1""")
                    .param("g", layer.geometry(number))
                    .query(String.class)
                    .optional()
                    .orElse(null);
            int n = number;
            report.features().stream()
                    .filter(f -> f.featureNumber() == n && f.label().contains("→ "))
                    .forEach(f -> assertThat(f.label()).as(seen).contains("→ " + majority));
        }
    }

    /** The kelurahan's RWs lie inside it, do not overlap, and leave uncovered what the report says. */
    private void assertRwsTileInsideTheirKelurahan(String kelurahan, KelurahanResult result, String seen) {
        Map<String, Object> check = jdbc.sql("""
                        SELECT (SELECT coalesce(sum(ST_Area(ST_Difference(r.geom, k.geom)::geography)), 0)
                                  FROM regions r WHERE r.parent_code = k.code) AS outside_m2,
                               (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
                                  FROM regions a JOIN regions b ON a.parent_code = k.code AND b.parent_code = k.code
                                                               AND a.code < b.code
                                                               AND ST_Intersects(a.geom, b.geom)) AS overlap_m2,
                               (SELECT bool_and(NOT synthetic) FROM regions r WHERE r.parent_code = k.code) AS real
                          FROM regions k WHERE k.code = :c""").param("c", kelurahan).query().singleRow();
        assertThat(((Number) check.get("outside_m2")).doubleValue())
                .as(kelurahan + " RWs outside; " + seen)
                .isLessThan(1);
        assertThat(((Number) check.get("overlap_m2")).doubleValue())
                .as(kelurahan + " RWs overlap; " + seen)
                .isLessThan(1);
        assertThat(check.get("real")).as(kelurahan + " RWs are real").isEqualTo(true);
        double uncovered = uncoveredSquareMeters(kelurahan);
        assertThat(result.uncoveredSquareMeters())
                .as(kelurahan + " uncovered (UTM vs spheroid); " + seen)
                .isCloseTo(uncovered, within(Math.max(5, uncovered * 0.005)));
    }

    private double uncoveredSquareMeters(String kelurahan) {
        return jdbc.sql("""
                        SELECT ST_Area(coalesce(ST_Difference(k.geom, (SELECT ST_Union(geom) FROM regions
                                                                      WHERE parent_code = k.code)), k.geom)::geography)
                          FROM regions k WHERE k.code = :c""").param("c", kelurahan).query(Double.class).single();
    }

    private double symmetricDifferenceSquareMeters(String parent) {
        return jdbc.sql("""
                        SELECT ST_Area(ST_SymDifference(p.geom, (SELECT ST_Union(k.geom) FROM regions k
                                                                  WHERE k.level = 'KELURAHAN'
                                                                    AND starts_with(k.code, p.code || '.')))::geography)
                          FROM regions p WHERE p.code = :c""").param("c", parent).query(Double.class).single();
    }

    private double areaSquareMeters(String code) {
        return jdbc.sql("SELECT ST_Area(ST_Transform(geom, 32749)) FROM regions WHERE code = :c")
                .param("c", code)
                .query(Double.class)
                .single();
    }

    private Map<String, Object> boundary(String code) {
        return jdbc.sql("SELECT md5(ST_AsEWKB(geom)::text) AS shape, geometry_source, "
                        + "(SELECT string_agg(code || md5(ST_AsEWKB(geom)::text), ',' ORDER BY code) FROM regions r "
                        + "WHERE r.parent_code = k.code) AS rws FROM regions k WHERE code = :c")
                .param("c", code)
                .query()
                .singleRow();
    }

    /** The one remark of a kind on a field of a feature. */
    private static FeatureIssue issue(RwImportReport report, int feature, Severity severity, String field) {
        List<FeatureIssue> found = issues(report, feature, severity, field);
        assertThat(found)
                .as(severity + " on field " + field + " of feature #" + feature + "\n" + report.describe())
                .hasSize(1);
        return found.get(0);
    }

    private static List<FeatureIssue> issues(RwImportReport report, int feature, Severity severity, String field) {
        return report.features().stream()
                .filter(f -> f.featureNumber() == feature
                        && f.severity() == severity
                        && f.field().equals(field))
                .toList();
    }

    private static Map<String, Status> statuses(RwImportReport report) {
        Map<String, Status> statuses = new LinkedHashMap<>();
        report.kelurahan().forEach(k -> statuses.put(k.code(), k.status()));
        return statuses;
    }

    private List<String> rwCodes(String kelurahan) {
        return jdbc.sql("SELECT code FROM regions WHERE parent_code = :c ORDER BY code")
                .param("c", kelurahan)
                .query(String.class)
                .list();
    }

    private List<Map<String, Object>> rowsOf(String kelurahan) {
        return jdbc.sql("""
                SELECT code, name, population, synthetic, updated_at, md5(ST_AsEWKB(geom)::text) AS shape
                  FROM regions WHERE parent_code = :c OR code = :c ORDER BY code""").param("c", kelurahan).query().listOfRows();
    }

    private long population(String code) {
        return jdbc.sql("SELECT population FROM regions WHERE code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private long populationOfRws(String kelurahan) {
        return jdbc.sql("SELECT sum(population) FROM regions WHERE parent_code = :c")
                .param("c", kelurahan)
                .query(Long.class)
                .single();
    }

    private long audits() {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'importRw'")
                .query(Long.class)
                .single();
    }

    /** Our Sokoduwet as two real RWs (west and east of its middle meridian). */
    private String halvesOf(String kelurahan) {
        String[] halves = new String[2];
        String[] bounds = {"ST_XMin(geom) - 0.01", "(ST_XMin(geom) + ST_XMax(geom)) / 2", "ST_XMax(geom) + 0.01"};
        for (int i = 0; i < 2; i++) {
            halves[i] = "{\"type\": \"Feature\", \"properties\": {\"rw\": " + (i + 1) + "}, \"geometry\": "
                    + jdbc.sql("SELECT ST_AsGeoJSON(ST_Intersection(geom, ST_MakeEnvelope(" + bounds[i]
                                    + ", ST_YMin(geom) - 0.01, " + bounds[i + 1]
                                    + ", ST_YMax(geom) + 0.01, 4326)), 15) "
                                    + "FROM regions WHERE code = :c")
                            .param("c", kelurahan)
                            .query(String.class)
                            .single()
                    + "}";
        }
        return "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(", ", halves) + "]}";
    }

    // ---------------------------------------------------------------------------------------------------- the CLI

    /** One run of the {@code ./atlas import rw} entry: exit code, console output, and the report it printed. */
    record Cli(int exitCode, String output, RwImportReport report) {}

    private Cli cli(Path file, String flags) {
        RwImportReport[] report = new RwImportReport[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AtlasCli.importRw(
                (f, options) -> report[0] = importer.importFile(f, options),
                file.toString(),
                flags,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), report[0]);
    }

    // -------------------------------------------------------------------------------------------------- the layer

    /** The features of the test layer in file order, each with a tag the assertions find it by. */
    static final class Layer {
        private final List<String> features = new ArrayList<>();
        private final List<String> geometries = new ArrayList<>();
        private final Map<String, Integer> tags = new LinkedHashMap<>();
        private double sawahSquareMeters;

        int add(String tag, Map<String, Object> properties, String geometry) {
            StringBuilder props = new StringBuilder();
            properties.forEach((k, v) -> props.append(props.isEmpty() ? "" : ", ")
                    .append('"')
                    .append(k)
                    .append("\": ")
                    .append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v)));
            features.add("{\"type\": \"Feature\", \"properties\": {" + props + "}, \"geometry\": " + geometry + "}");
            geometries.add(geometry);
            if (tag != null) {
                tags.put(tag, features.size());
            }
            return features.size();
        }

        int number(String tag) {
            Integer number = tags.get(tag);
            if (number == null) {
                throw new IllegalArgumentException("no feature tagged " + tag + " in " + tags.keySet());
            }
            return number;
        }

        String geometry(int number) {
            return geometries.get(number - 1);
        }

        int size() {
            return features.size();
        }

        double sawahSquareMeters() {
            return sawahSquareMeters;
        }

        Path write(Path dir) throws IOException {
            Path file = dir.resolve("real-rw-layer.geojson");
            Files.writeString(
                    file,
                    "{\"type\": \"FeatureCollection\", \"features\": [\n" + String.join(",\n", features) + "\n]}\n",
                    StandardCharsets.UTF_8);
            return file;
        }
    }

    /**
     * Builds the layer from the Kemendagri polygons of the four kelurahan: {@link #RW_COUNTS} seeded points each
     * ({@link #SEED}), their Voronoi cells clipped to the polygon, numbered north to south, then made untidy.
     */
    private Layer buildLayer() throws IOException {
        Map<String, String> kemendagri = new TreeMap<>();
        try (InputStream in = getClass().getResourceAsStream("/rw-layer/pekalongan_kelurahan_kemendagri.geojson")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            for (JsonNode f : root.get("features")) {
                String code = f.get("properties").get("kode").asString();
                if (LAYER_KELURAHAN.contains(code)) {
                    kemendagri.put(code, f.get("geometry").toString());
                }
            }
        }
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (String code : LAYER_KELURAHAN) {
            cells.put(
                    code,
                    jdbc.sql("""
                            WITH k AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326) AS geom),
                                 v AS (SELECT (ST_Dump(ST_VoronoiPolygons(ST_GeneratePoints(k.geom, :n, :seed), 0,
                                                                           ST_Expand(k.geom, 0.01)))).geom AS cell
                                         FROM k),
                                 c AS (SELECT ST_Intersection(v.cell, k.geom) AS geom FROM v, k
                                        WHERE ST_Area(ST_Intersection(v.cell, k.geom)) > 0)
                            SELECT ST_AsGeoJSON(geom, 9) FROM c
                             ORDER BY ST_Y(ST_Centroid(geom)) DESC, ST_X(ST_Centroid(geom))""")
                            .param("g", kemendagri.get(code))
                            .param("n", RW_COUNTS.get(code))
                            .param("seed", SEED)
                            .query(String.class)
                            .list());
        }
        Layer layer = new Layer();
        // Banyurip: kelurahan by undotted code; RW 7 is a rice field left out; RW 6 shrunk by 3 m; a sliver.
        List<String> banyurip = cells.get(BANYURIP);
        for (int rw = 1; rw <= banyurip.size(); rw++) {
            String cell = banyurip.get(rw - 1);
            if (rw == 7) {
                layer.sawahSquareMeters = sql(
                                "SELECT ST_Area(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(:a), 4326), "
                                        + "k.geom)::geography)::text FROM regions k WHERE k.code = '" + BANYURIP + "'",
                                cell)
                        .transform(Double::parseDouble);
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>(Map.of("kode_desa", "3375041002", "rw", style(rw)));
            if (rw == 2) {
                props.put("population", 1500);
            }
            layer.add(
                    "banyurip-rw" + rw,
                    props,
                    rw == 6
                            ? sql(
                                    "SELECT ST_AsGeoJSON(ST_Buffer(ST_SetSRID("
                                            + "ST_GeomFromGeoJSON(:a), 4326)::geography, -3)::geometry, 9)",
                                    cell)
                            : cell);
        }
        layer.add("sliver", Map.of("kode_desa", "3375041002", "rw", "RW 12"), sql("""
                SELECT ST_AsGeoJSON(ST_MakePolygon(ST_MakeLine(ARRAY[p, ST_Translate(p, 0.00008, 0),
                                                                   ST_Translate(p, 0, 0.00008), p])), 9)
                  FROM (SELECT ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(:a), 4326)) AS p) x""", banyurip.get(4)));
        // Buaran Kradenan: kelurahan by name; RW 1 lies mostly in Pringrejo; RW 5 grown by 15 m.
        List<String> buaran = cells.get(BUARAN);
        for (int rw = 1; rw <= buaran.size(); rw++) {
            String cell = buaran.get(rw - 1);
            String tag = rw == 1 ? "buaran-rw1-in-pringrejo" : rw == 5 ? "buaran-rw5-grown" : "buaran-rw" + rw;
            layer.add(
                    tag,
                    Map.of("nmdesa", "BUARAN KRADENAN", "rw", style(rw)),
                    rw == 5
                            ? sql(
                                    "SELECT ST_AsGeoJSON("
                                            + "ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(:a), 4326)::geography, 15)::geometry, 9)",
                                    cell)
                            : cell);
        }
        // Jenggot: kelurahan by dotted code; RW 3 digitised as two features; a market cut out of RW 9; RW 4 moved
        // 150 m towards Buaran's centre.
        List<String> jenggot = cells.get(JENGGOT);
        for (int rw = 1; rw <= jenggot.size(); rw++) {
            String cell = jenggot.get(rw - 1);
            Map<String, Object> props = Map.of("kode_kelurahan", JENGGOT, "rw", style(rw));
            if (rw == 3) {
                layer.add("jenggot-rw3-west", Map.of("kode_kelurahan", JENGGOT, "rw", "RW 03"), half(cell, true));
                layer.add("jenggot-rw3-east", Map.of("kode_kelurahan", JENGGOT, "rw", "003"), half(cell, false));
            } else if (rw == 4) {
                layer.add(
                        "jenggot-rw4-moved-into-buaran",
                        Map.of("kode_kelurahan", JENGGOT, "rw", "RW 04"),
                        sql("""
                        SELECT ST_AsGeoJSON(ST_Translate(c, 0.00135 * cos(a), 0.00135 * sin(a)), 9)
                          FROM (SELECT c, pi() / 2 - ST_Azimuth(ST_Centroid(c), ST_Centroid(b.geom)) AS a
                                  FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:a), 4326) AS c) x,
                                       regions b WHERE b.code = '33.75.04.1003') y""", cell));
            } else if (rw == 9) {
                layer.add("jenggot-rw9-market", props, sql("""
                        SELECT ST_AsGeoJSON(ST_Difference(c, ST_Buffer(ST_PointOnSurface(c)::geography, 60)::geometry), 9)
                          FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:a), 4326) AS c) x""", cell));
            } else {
                layer.add("jenggot-rw" + rw, props, cell);
            }
        }
        // Kuripan Kertoharjo: no kelurahan attribute, RW numbers as plain JSON numbers.
        List<String> kertoharjo = cells.get(KERTOHARJO);
        for (int rw = 1; rw <= kertoharjo.size(); rw++) {
            layer.add("kertoharjo-rw" + rw, Map.of("rw", rw), kertoharjo.get(rw - 1));
        }
        return layer;
    }

    /** RW numbers as real layers write them: RW 001, RW 02, rw3, 004, 5, ... */
    private static String style(int rw) {
        return switch (rw % 5) {
            case 1 -> String.format(Locale.ROOT, "RW %03d", rw);
            case 2 -> String.format(Locale.ROOT, "RW %02d", rw);
            case 3 -> "rw" + rw;
            case 4 -> String.format(Locale.ROOT, "RW %02d", rw);
            default -> String.format(Locale.ROOT, "%03d", rw);
        };
    }

    private String half(String cell, boolean west) {
        String x = "(ST_XMin(c) + ST_XMax(c)) / 2";
        return sql(
                "SELECT ST_AsGeoJSON(ST_Intersection(c, ST_MakeEnvelope(" + (west ? "ST_XMin(c) - 1, " : x + ", ")
                        + "ST_YMin(c) - 1, " + (west ? x : "ST_XMax(c) + 1") + ", ST_YMax(c) + 1, 4326)), 9) "
                        + "FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:a), 4326) AS c) x",
                cell);
    }

    private String sql(String statement, String geometry) {
        return jdbc.sql(statement).param("a", geometry).query(String.class).single();
    }
}
