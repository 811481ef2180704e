package id.ilpatlas.api.demo;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.Sql;
import id.ilpatlas.api.facility.ServiceCatalogue;
import id.ilpatlas.api.region.RwWriter;
import id.ilpatlas.api.region.SyntheticRws;
import id.ilpatlas.api.road.PgRouting;
import id.ilpatlas.api.road.RoadNetworkImporter;
import id.ilpatlas.api.road.RoadNetworkReport;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.synthetic.SyntheticRw;
import id.ilpatlas.geo.synthetic.SyntheticRwGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kota Pekalongan (33.75) reference data: provinsi, kota, 4 kecamatan, 27 kelurahan (BPN 2017 boundaries,
 * Kemendagri codes via the crosswalk, 2017 population), synthetic RWs generated inside every kelurahan, and the
 * 14 puskesmas. Files and their sources are in {@code db/src/main/resources/reference/pekalongan/SOURCE.md}.
 *
 * <p>Loading is all-or-nothing (one transaction) and done once per data set: a row in {@code reference_data_loads}
 * records each, so calling {@link #ensureLoaded()} again is harmless, and a newer release adds only the data sets
 * an older database lacks.
 */
@Service
public class PekalonganReferenceData implements SyntheticRws {

    public static final String DATASET = "pekalongan";
    /** Bump when the bundled files or the derivation change. */
    public static final String VERSION = "2026-11-24.1";

    static final String KABKOTA_CODE = "33.75";
    /**
     * The city's road network: the RTRW 2017 road layer, completed by the roads of the RTRW 2018 transport layer it
     * lacks, noded into one routing graph. (A new name, not a new version, so that a database holding the one-layer
     * network of {@code pekalongan-roads} gets it on its next start.)
     */
    public static final String ROADS_DATASET = "pekalongan-roads-two-layers";

    public static final String ROADS_VERSION = "2026-12-07.1";
    /** The road layers, merged in this order: the first one's roads stand, the second adds what the first lacks. */
    static final List<String> ROADS_FILES =
            List.of("pekalongan_jaringan_jalan_2017.geojson", "pekalongan_transportasi_rtrw2018.geojson");

    private static final String FOLDER = "reference/pekalongan/";
    private static final String BOUNDARY_SOURCE =
            "BPN Kota Pekalongan 2017 (updated with Permendagri boundaries), codes by Kemendagri crosswalk";
    private static final String POPULATION_SOURCE = "RTRW Kota Pekalongan revision, population density analysis 2017";
    private static final int POPULATION_YEAR = 2017;

    /**
     * Puskesmas without surveyed coordinates: the kelurahan they are placed in (at its point-on-surface) and why.
     */
    private static final Map<String, String[]> APPROXIMATE_PLACEMENT = Map.of(
            "Puskesmas Bendan", new String[] {"33.75.01.1006", "named after Bendan, now part of Kel. Bendan Kergon"},
            "Puskesmas Kramatsari",
                    new String[] {"33.75.01.1008", "named after Kramatsari, merged into Kel. Pasirkratonkramat"},
            "Puskesmas Medono", new String[] {"33.75.01.1002", "named after Kel. Medono"},
            "Puskesmas Kusuma Bangsa",
                    new String[] {
                        "33.75.03.1004", "no kelurahan of that name; first kelurahan of its catchment (Panjang Wetan)"
                    },
            "Puskesmas Krapyak (Krapyak Kidul)", new String[] {"33.75.03.1002", "named after Kel. Krapyak"},
            "Puskesmas Dukuh", new String[] {"33.75.03.1006", "named after Dukuh, in Kel. Padukuhan Kraton"});

    private static final Logger log = LoggerFactory.getLogger(PekalonganReferenceData.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper jsonMapper;
    private final ReferenceDataProperties properties;
    private final RwWriter rwWriter;
    private final ServiceCatalogue catalogue;
    private final PekalonganRegistryDemo registry;
    private final RoadNetworkImporter roads;
    private final PgRouting pgRouting;

    PekalonganReferenceData(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper jsonMapper,
            ReferenceDataProperties properties,
            RwWriter rwWriter,
            ServiceCatalogue catalogue,
            PekalonganRegistryDemo registry,
            RoadNetworkImporter roads,
            PgRouting pgRouting) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
        this.rwWriter = rwWriter;
        this.catalogue = catalogue;
        this.registry = registry;
        this.roads = roads;
        this.pgRouting = pgRouting;
    }

    /**
     * Loads whatever of the Pekalongan data sets is not there yet: the regions and puskesmas, the ILP service
     * catalogue, the registry network built on both, and the road network. Returns true when this call loaded
     * anything.
     */
    public boolean ensureLoaded() {
        Boolean loaded = transactions.execute(status -> {
            // Two instances starting at once: the second waits here, then sees the first one's load.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('reference_data_loads'))")
                    .query()
                    .singleRow();
            boolean any = false;
            for (Dataset dataset : datasets()) {
                if (!isLoaded(dataset.name())) {
                    record(dataset);
                    any = true;
                }
            }
            return any;
        });
        if (!Boolean.TRUE.equals(loaded)) {
            log.info("Reference data already loaded");
        }
        return Boolean.TRUE.equals(loaded);
    }

    /** A data set: its name and version in {@code reference_data_loads}, and what loads it (returning a summary). */
    private record Dataset(String name, String version, java.util.function.Supplier<String> loader) {}

    /**
     * The Pekalongan data sets, in load order: each may build on the ones before it. The road network only where
     * pgRouting is installed (it is loaded on a later start once the extension is there).
     */
    private List<Dataset> datasets() {
        List<Dataset> datasets = new ArrayList<>(List.of(
                new Dataset(DATASET, VERSION, this::load),
                new Dataset(ServiceCatalogue.DATASET, ServiceCatalogue.VERSION, () -> catalogue.load() + " services"),
                new Dataset(
                        PekalonganRegistryDemo.DATASET,
                        PekalonganRegistryDemo.VERSION,
                        () -> registry.load(properties.rwSeed()))));
        String noRouting = pgRouting.unavailableReason();
        if (noRouting == null) {
            datasets.add(new Dataset(ROADS_DATASET, ROADS_VERSION, this::loadRoads));
        } else if (!isLoaded(ROADS_DATASET)) {
            log.warn("The Kota Pekalongan road network is not loaded: {}", noRouting);
        }
        return datasets;
    }

    private void record(Dataset dataset) {
        long started = System.nanoTime();
        String summary = dataset.loader().get();
        jdbc.sql("INSERT INTO reference_data_loads (dataset, version, summary) VALUES (:d, :v, :s)")
                .param("d", dataset.name())
                .param("v", dataset.version())
                .param("s", summary)
                .update();
        log.info(
                "Loaded reference data {} {} in {} ms: {}",
                dataset.name(),
                dataset.version(),
                (System.nanoTime() - started) / 1_000_000,
                summary);
    }

    /** True when every Pekalongan data set is loaded. */
    public boolean isLoaded() {
        return datasets().stream().allMatch(dataset -> isLoaded(dataset.name()));
    }

    private boolean isLoaded(String dataset) {
        return jdbc.sql("SELECT count(*) FROM reference_data_loads WHERE dataset = :d")
                        .param("d", dataset)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private String load() {
        int kelurahan = loadRegions();
        int rws = 0;
        for (String code : jdbc.sql(
                        "SELECT code FROM regions WHERE level = 'KELURAHAN' AND kabkota_code = :k ORDER BY code")
                .param("k", KABKOTA_CODE)
                .query(String.class)
                .list()) {
            rws += regenerateSyntheticRws(code);
        }
        int puskesmas = loadPuskesmas();
        return String.format(
                Locale.ROOT, "4 kecamatan, %d kelurahan, %d synthetic RWs, %d puskesmas", kelurahan, rws, puskesmas);
    }

    /** The road network of the city, replacing whatever network 33.75 had. Fails on any rejected feature. */
    private String loadRoads() {
        RoadNetworkReport report;
        try (InputStream first = open(ROADS_FILES.get(0));
                InputStream second = open(ROADS_FILES.get(1))) {
            report = roads.importGeoJson(
                    List.of(
                            new RoadNetworkImporter.Source(ROADS_FILES.get(0), first),
                            new RoadNetworkImporter.Source(ROADS_FILES.get(1), second)),
                    KABKOTA_CODE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!report.ok()) {
            throw new IllegalStateException("Bundled road network did not load: " + report.describe());
        }
        return report.summary();
    }

    /** Provinsi, kota, kecamatan and kelurahan. Kecamatan and kota boundaries are the union of their kelurahan. */
    private int loadRegions() {
        jdbc.sql("""
                CREATE TEMPORARY TABLE staged_kelurahan (
                    code text PRIMARY KEY, name text, kecamatan_code text, kecamatan_name text,
                    population integer, geom geometry(MultiPolygon, 4326)) ON COMMIT DROP""").update();
        Map<String, Map<String, String>> crosswalk = new HashMap<>();
        for (Map<String, String> row : Csv.read(open("pekalongan_kelurahan_crosswalk.csv"))) {
            crosswalk.put(row.get("nama_bpn2017"), row);
        }
        JsonNode boundaries = readJson("pekalongan_kelurahan_bpn2017.geojson");
        int count = 0;
        for (JsonNode feature : boundaries.get("features")) {
            String bpnName = feature.get("properties").get("KELURAHAN").asString();
            Map<String, String> row = crosswalk.get(bpnName);
            if (row == null) {
                throw new IllegalStateException("BPN kelurahan '" + bpnName + "' has no row in the crosswalk");
            }
            jdbc.sql("""
                    INSERT INTO staged_kelurahan VALUES (:code, :name, :kecCode, :kecName, :population,
                        ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(
                            ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(:geometry), 4326)), 3))))""")
                    .param("code", RegionCode.parse(row.get("kode")).dotted())
                    .param("name", row.get("nama"))
                    .param("kecCode", row.get("kode_kecamatan"))
                    .param("kecName", row.get("nama_kecamatan"))
                    .param("population", Integer.parseInt(row.get("penduduk_2017")))
                    .param("geometry", feature.get("geometry").toString())
                    .update();
            count++;
        }
        if (count != crosswalk.size()) {
            throw new IllegalStateException("Expected " + crosswalk.size() + " kelurahan boundaries, found " + count);
        }
        jdbc.sql("""
                INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, geometry_source,
                                     population, population_year, population_source)
                VALUES ('33', 'PROVINSI', 'Jawa Tengah', NULL, NULL, NULL, NULL, NULL, NULL, NULL)
                ON CONFLICT (code) DO NOTHING""").update();
        jdbc.sql(Sql.load("sql/demo/pekalongan-regions-from-kelurahan.sql"))
                .param("kota", KABKOTA_CODE)
                .param("gsrc", BOUNDARY_SOURCE)
                .param("year", POPULATION_YEAR)
                .param("psrc", POPULATION_SOURCE)
                .update();
        return count;
    }

    /**
     * Replaces the RWs of one kelurahan with freshly generated synthetic ones (deterministic for the configured
     * seed). Used by the initial load, and to restore a kelurahan after a real RW layer is withdrawn.
     *
     * @return the number of RWs generated
     */
    @Override
    public int regenerateSyntheticRws(String kelurahanCode) {
        Integer generated = transactions.execute(status -> {
            KelurahanShape kelurahan = jdbc.sql("""
                            SELECT ST_AsBinary(geom) AS wkb, COALESCE(population, 0) AS population
                              FROM regions WHERE code = :code AND level = 'KELURAHAN'""")
                    .param("code", kelurahanCode)
                    .query((rs, n) -> new KelurahanShape(readWkb(rs.getBytes("wkb")), rs.getLong("population")))
                    .optional()
                    .orElseThrow(() -> new IllegalArgumentException("No kelurahan " + kelurahanCode));
            SyntheticRwGenerator generator = new SyntheticRwGenerator(properties.rwSeed());
            List<SyntheticRw> rws = generator.generate(kelurahanCode, kelurahan.geometry(), kelurahan.population());
            WKBWriter writer = new WKBWriter();
            List<RwWriter.RwRow> rows = new ArrayList<>();
            for (SyntheticRw rw : rws) {
                rows.add(new RwWriter.RwRow(
                        RegionCode.rw(RegionCode.parse(kelurahanCode), rw.number())
                                .dotted(),
                        String.format(Locale.ROOT, "RW %03d", rw.number()),
                        writer.write(rw.geometry()),
                        "ST_GeomFromWKB(:shape, 4326)",
                        "SYNTHETIC: Voronoi cells of seeded points clipped to the kelurahan (seed "
                                + properties.rwSeed() + ")",
                        rw.population(),
                        POPULATION_YEAR,
                        "SYNTHETIC: kelurahan " + POPULATION_YEAR + " population apportioned to RWs",
                        true));
            }
            rwWriter.replace(kelurahanCode, rows);
            return rws.size();
        });
        return generated == null ? 0 : generated;
    }

    private int loadPuskesmas() {
        int count = 0;
        for (Map<String, String> row : Csv.read(open("pekalongan_puskesmas_14.csv"))) {
            String name = row.get("nama_puskesmas");
            String code = "PKM-3375-"
                    + name.replaceFirst("^Puskesmas ", "")
                            .replaceAll("\\s*\\(.*\\)", "")
                            .toUpperCase(Locale.ROOT)
                            .replaceAll("[^A-Z0-9]+", "-");
            boolean hasPoint = !row.get("lat").isBlank() && !row.get("lon").isBlank();
            if (hasPoint) {
                boolean candidate = row.get("match_note").startsWith("CANDIDATE");
                jdbc.sql("""
                        INSERT INTO facilities (code, name, type, kabkota_code, kelurahan_code, location,
                                                location_quality, location_note)
                        SELECT :code, :name, 'PUSKESMAS', :kota, k.code, p.pt, :quality, :note
                          FROM (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS pt) p
                          JOIN regions k ON k.level = 'KELURAHAN' AND k.kabkota_code = :kota
                                        AND ST_Intersects(k.geom, p.pt)
                         ORDER BY k.code LIMIT 1""")
                        .param("code", code)
                        .param("name", name)
                        .param("kota", KABKOTA_CODE)
                        .param("lon", Double.parseDouble(row.get("lon")))
                        .param("lat", Double.parseDouble(row.get("lat")))
                        .param("quality", candidate ? "APPROXIMATE" : "SURVEYED")
                        .param(
                                "note",
                                (candidate
                                                ? "Candidate match only: an unnamed 'Puskesmas' point of the 2016 city survey inside "
                                                        + "the kelurahan; verify with Dinkes. "
                                                : "")
                                        + "Source: " + row.get("coord_source") + " (RTRW survey 2016)")
                        .update();
            } else {
                String[] placement = APPROXIMATE_PLACEMENT.get(name);
                if (placement == null) {
                    throw new IllegalStateException("No coordinates and no documented placement for " + name);
                }
                jdbc.sql("""
                        INSERT INTO facilities (code, name, type, kabkota_code, kelurahan_code, location,
                                                location_quality, location_note)
                        SELECT :code, :name, 'PUSKESMAS', :kota, code, ST_PointOnSurface(geom), 'APPROXIMATE', :note
                          FROM regions WHERE code = :kel""")
                        .param("code", code)
                        .param("name", name)
                        .param("kota", KABKOTA_CODE)
                        .param("kel", placement[0])
                        .param(
                                "note",
                                "No surveyed coordinates: placed at the point-on-surface of the kelurahan ("
                                        + placement[1] + ")")
                        .update();
            }
            count++;
        }
        int stored = jdbc.sql("SELECT count(*) FROM facilities WHERE type = 'PUSKESMAS' AND kabkota_code = :k")
                .param("k", KABKOTA_CODE)
                .query(Integer.class)
                .single();
        if (stored != count) {
            throw new IllegalStateException(
                    "Stored " + stored + " of " + count + " puskesmas: a point lies outside " + "every kelurahan");
        }
        return count;
    }

    private record KelurahanShape(Geometry geometry, long population) {}

    private static Geometry readWkb(byte[] wkb) {
        try {
            return new WKBReader().read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }

    private JsonNode readJson(String file) {
        try (InputStream in = open(file)) {
            return jsonMapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) {
        try {
            return new ClassPathResource(FOLDER + file).getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("Missing bundled reference file " + FOLDER + file, e);
        }
    }
}
