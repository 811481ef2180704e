package id.ilpatlas.api.demo;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.facility.LifeCycleSegments;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.rw.Apportionment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ILP network of Kota Pekalongan on top of the regions and puskesmas: the Dinkes, pustu, hospitals and clinics
 * of the 2016 city survey (real points), synthetic pustu where a kelurahan has none, about 414 synthetic posyandu
 * (the number the city reports) placed inside the RWs they serve, wilayah kerja, catalogue-consistent services,
 * posyandu sessions and kader counts, and the five programmes. Deterministic for a seed; synthetic rows are marked.
 */
@Component
class PekalonganRegistryDemo {

    static final String DATASET = "pekalongan-registry";
    static final String VERSION = "2026-11-24.1";
    /** Posyandu reported by Kota Pekalongan; the demo spreads this many over the RWs. */
    static final int POSYANDU_TARGET = 414;
    /** Share of RWs no posyandu serves, and of RWs served by a neighbouring RW's posyandu. */
    static final double UNSERVED_SHARE = 0.03;

    static final double SHARED_SHARE = 0.07;

    private static final String KOTA = "33.75";
    private static final String[] POSYANDU_NAMES = {
        "Melati",
        "Mawar",
        "Anggrek",
        "Dahlia",
        "Kenanga",
        "Cempaka",
        "Flamboyan",
        "Teratai",
        "Bougenvil",
        "Seruni",
        "Kemuning",
        "Nusa Indah",
        "Matahari",
        "Asoka",
        "Kamboja",
        "Anyelir",
        "Srikandi",
        "Sakura",
        "Lili",
        "Tulip"
    };
    /** Services every demo posyandu offers (growth monitoring and immunisation are what a posyandu is for). */
    private static final List<String> CORE_POSYANDU_SERVICES = List.of("PANTAU_TUMBANG", "IMUNISASI_RUTIN");

    private static final String SURVEY = "2016 RTRW city survey (toponym layer)";

    private final JdbcClient jdbc;

    PekalonganRegistryDemo(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Loads the network; call inside a transaction, after the regions and puskesmas. Returns a summary. */
    String load(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        long dinkes = insertDinkes();
        completePuskesmas(dinkes);
        assignWilayahKerja();
        Map<String, Long> puskesmasOf = wilayahKerja();
        Map<String, Long> pustuOf = insertPustu(puskesmasOf);
        int others = insertSurveyHospitalsAndClinics();
        int posyandu = insertPosyandu(random, puskesmasOf, pustuOf);
        int programs = insertPrograms(random);
        return String.format(
                Locale.ROOT,
                "1 dinkes, %d pustu, %d posyandu, %d hospitals/clinics, %d programmes",
                pustuOf.size(),
                posyandu,
                others,
                programs);
    }

    // ---------------------------------------------------------------------------------------------- dinkes, puskesmas

    private long insertDinkes() {
        long id = insertFacility(
                "DINKES-3375",
                "Dinas Kesehatan Kota Pekalongan",
                "DINKES",
                null,
                "ST_SetSRID(ST_MakePoint(109.67579303845123, -6.874935469857101), 4326)",
                "SURVEYED",
                "Source: " + SURVEY + ", toponym 'Dinas Kesehatan'",
                false,
                null);
        addOpeningHours(id, 1, 4, "07:30", "16:00");
        addOpeningHours(id, 5, 5, "07:30", "11:00");
        return id;
    }

    private void completePuskesmas(long dinkes) {
        List<Long> puskesmas = jdbc.sql(
                        "SELECT id FROM facilities WHERE type = 'PUSKESMAS' AND kabkota_code = :k ORDER BY code")
                .param("k", KOTA)
                .query(Long.class)
                .list();
        for (long id : puskesmas) {
            jdbc.sql("UPDATE facilities SET parent_id = :p, segments = :segments WHERE id = :id")
                    .param("p", dinkes)
                    .param("id", id)
                    .param("segments", allSegments())
                    .update();
            // Demo opening hours: the usual puskesmas day (Monday-Thursday, Friday short, Saturday morning).
            addOpeningHours(id, 1, 4, "07:30", "14:00");
            addOpeningHours(id, 5, 5, "07:30", "11:00");
            addOpeningHours(id, 6, 6, "07:30", "12:30");
            addServicesOfLevel(id, "at_puskesmas");
        }
    }

    /**
     * Wilayah kerja: the kelurahan a puskesmas stands in; the catchment hints of a public Pekalongan Utara posyandu
     * application; every other kelurahan goes to the nearest puskesmas of its kecamatan.
     */
    private void assignWilayahKerja() {
        jdbc.sql("""
                INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
                SELECT id, kelurahan_code, kabkota_code FROM facilities WHERE type = 'PUSKESMAS' AND kabkota_code = :k""").param("k", KOTA).update();
        Map<String, List<String>> hints = Map.of(
                "PKM-3375-KUSUMA-BANGSA", List.of("33.75.03.1010", "33.75.03.1003"),
                "PKM-3375-KRAPYAK", List.of("33.75.03.1007"),
                "PKM-3375-DUKUH", List.of("33.75.03.1009"));
        hints.forEach((puskesmas, kelurahan) -> jdbc.sql("""
                        INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
                        SELECT f.id, k.code, k.kabkota_code FROM facilities f, regions k
                         WHERE f.code = :p AND k.code = ANY(:kel)
                           AND NOT EXISTS (SELECT 1 FROM facility_catchments c JOIN facilities o ON o.id = c.facility_id
                                            WHERE o.type = 'PUSKESMAS' AND c.region_code = k.code)""")
                .param("p", puskesmas)
                .param("kel", kelurahan.toArray(String[]::new))
                .update());
        jdbc.sql("""
                INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
                SELECT DISTINCT ON (k.code) f.id, k.code, k.kabkota_code
                  FROM regions k
                  JOIN facilities f ON f.type = 'PUSKESMAS' AND left(f.kelurahan_code, 8) = left(k.code, 8)
                 WHERE k.level = 'KELURAHAN' AND k.kabkota_code = :k
                   AND NOT EXISTS (SELECT 1 FROM facility_catchments c JOIN facilities o ON o.id = c.facility_id
                                    WHERE o.type = 'PUSKESMAS' AND c.region_code = k.code)
                 ORDER BY k.code, ST_Distance(ST_PointOnSurface(k.geom)::geography, f.location::geography), f.code""").param("k", KOTA).update();
    }

    /** Kelurahan code → the puskesmas whose wilayah kerja it is in. */
    private Map<String, Long> wilayahKerja() {
        Map<String, Long> result = new HashMap<>();
        jdbc.sql("""
                SELECT c.region_code, f.id FROM facility_catchments c JOIN facilities f ON f.id = c.facility_id
                 WHERE f.type = 'PUSKESMAS' AND f.kabkota_code = :k""")
                .param("k", KOTA)
                .query((rs, n) -> result.put(rs.getString(1), rs.getLong(2)))
                .list();
        int kelurahan = jdbc.sql("SELECT count(*) FROM regions WHERE level = 'KELURAHAN' AND kabkota_code = :k")
                .param("k", KOTA)
                .query(Integer.class)
                .single();
        if (result.size() != kelurahan) {
            throw new IllegalStateException(
                    "Wilayah kerja covers " + result.size() + " of " + kelurahan + " kelurahan");
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------- pustu, others

    /** The survey's pustu, then a synthetic pustu in each kelurahan with neither puskesmas nor pustu. */
    private Map<String, Long> insertPustu(Map<String, Long> puskesmasOf) {
        Map<String, Long> pustuOf = new LinkedHashMap<>();
        for (Map<String, String> row : surveyFacilities()) {
            if (!"pustu".equals(row.get("tipe"))) {
                continue;
            }
            String point = pointSql(row);
            String kelurahan = kelurahanAt(point);
            String name = row.get("nama_toponim").equals("Puskesmas Pembantu")
                    ? "Puskesmas Pembantu " + regionName(kelurahan)
                    : row.get("nama_toponim");
            long id = insertFacility(
                    "PST-" + RegionCode.parse(kelurahan).undotted(),
                    name,
                    "PUSTU",
                    puskesmasOf.get(kelurahan),
                    point,
                    "SURVEYED",
                    "Source: " + SURVEY + ", toponym '" + row.get("nama_toponim") + "'",
                    false,
                    null);
            completePustu(id, kelurahan);
            pustuOf.put(kelurahan, id);
        }
        List<Map<String, Object>> without =
                jdbc.sql("""
                SELECT k.code, k.name FROM regions k
                 WHERE k.level = 'KELURAHAN' AND k.kabkota_code = :k
                   AND NOT EXISTS (SELECT 1 FROM facilities f WHERE f.kelurahan_code = k.code
                                      AND f.type IN ('PUSKESMAS', 'PUSTU'))
                 ORDER BY k.code""").param("k", KOTA).query().listOfRows();
        for (Map<String, Object> kelurahan : without) {
            String code = (String) kelurahan.get("code");
            long id = insertFacility(
                    "PST-" + RegionCode.parse(code).undotted(),
                    "Puskesmas Pembantu " + kelurahan.get("name"),
                    "PUSTU",
                    puskesmasOf.get(code),
                    "(SELECT ST_PointOnSurface(geom) FROM regions WHERE code = '" + code + "')",
                    "APPROXIMATE",
                    "SYNTHETIC demo pustu: no public list of pustu locations; placed at the kelurahan's point-on-surface",
                    true,
                    null);
            completePustu(id, code);
            pustuOf.put(code, id);
        }
        return pustuOf;
    }

    private void completePustu(long id, String kelurahan) {
        jdbc.sql("UPDATE facilities SET segments = :segments WHERE id = :id")
                .param("segments", allSegments())
                .param("id", id)
                .update();
        jdbc.sql("INSERT INTO facility_catchments (facility_id, region_code, kabkota_code) VALUES (:id, :kel, :k)")
                .param("id", id)
                .param("kel", kelurahan)
                .param("k", KOTA)
                .update();
        addOpeningHours(id, 1, 6, "08:00", "12:00");
        addServicesOfLevel(id, "at_pustu");
    }

    private int insertSurveyHospitalsAndClinics() {
        int count = 0;
        for (Map<String, String> row : surveyFacilities()) {
            String type = switch (row.get("tipe")) {
                case "rumah_sakit" -> "RUMAH_SAKIT";
                case "klinik", "rumah_bersalin" -> "KLINIK";
                default -> null; // puskesmas and pustu are loaded elsewhere; private practices are not facilities here
            };
            if (type == null) {
                continue;
            }
            String name = row.get("nama_toponim");
            String prefix = type.equals("RUMAH_SAKIT") ? "RS-3375-" : "KLN-3375-";
            String point = pointSql(row);
            insertFacility(
                    prefix + slug(name),
                    name,
                    type,
                    null,
                    point,
                    "SURVEYED",
                    "Source: " + SURVEY
                            + (row.get("tipe").equals("rumah_bersalin") ? "; a rumah bersalin (maternity clinic)" : ""),
                    false,
                    null);
            count++;
        }
        return count;
    }

    // ---------------------------------------------------------------------------------------------- posyandu

    private enum RwService {
        OWN,
        SHARED,
        UNSERVED
    }

    private record Rw(String code, String kelurahan, long population) {}

    private int insertPosyandu(SplittableRandom random, Map<String, Long> puskesmasOf, Map<String, Long> pustuOf) {
        List<Rw> rws = jdbc.sql("""
                SELECT code, parent_code, COALESCE(population, 0) FROM regions
                 WHERE level = 'RW' AND kabkota_code = :k ORDER BY code""")
                .param("k", KOTA)
                .query((rs, n) -> new Rw(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
        Map<String, List<String>> neighbours = new HashMap<>();
        jdbc.sql("""
                SELECT a.code, b.code FROM regions a
                  JOIN regions b ON b.parent_code = a.parent_code AND b.code <> a.code AND ST_Intersects(a.geom, b.geom)
                 WHERE a.level = 'RW' AND a.kabkota_code = :k ORDER BY a.code, b.code""")
                .param("k", KOTA)
                .query((rs, n) -> neighbours
                        .computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();

        Map<String, RwService> service = new LinkedHashMap<>();
        Map<String, Boolean> kelurahanHasOwn = new HashMap<>();
        for (Rw rw : rws) {
            double draw = random.nextDouble();
            RwService kind = draw < UNSERVED_SHARE
                    ? RwService.UNSERVED
                    : draw < UNSERVED_SHARE + SHARED_SHARE ? RwService.SHARED : RwService.OWN;
            service.put(rw.code(), kind);
            if (kind == RwService.OWN) {
                kelurahanHasOwn.put(rw.kelurahan(), true);
            }
        }
        for (Rw rw : rws) { // every kelurahan keeps at least one RW with its own posyandu
            if (!kelurahanHasOwn.containsKey(rw.kelurahan())) {
                service.put(rw.code(), RwService.OWN);
                kelurahanHasOwn.put(rw.kelurahan(), true);
            }
        }
        for (Rw rw : rws) { // a shared RW needs a neighbour with its own posyandu
            if (service.get(rw.code()) == RwService.SHARED
                    && neighbours.getOrDefault(rw.code(), List.of()).stream()
                            .noneMatch(n -> service.get(n) == RwService.OWN)) {
                service.put(rw.code(), RwService.OWN);
            }
        }

        List<Rw> own = rws.stream()
                .filter(rw -> service.get(rw.code()) == RwService.OWN)
                .toList();
        long[] extra = Apportionment.largestRemainder(
                Math.max(0, POSYANDU_TARGET - own.size()),
                own.stream().mapToDouble(rw -> Math.max(1, rw.population())).toArray());
        List<String> posyanduServices = jdbc.sql("SELECT key FROM services WHERE at_posyandu ORDER BY key")
                .query(String.class)
                .list();

        Map<String, Long> firstPosyanduOfRw = new HashMap<>();
        Map<String, Integer> nameCounter = new HashMap<>();
        int count = 0;
        for (int i = 0; i < own.size(); i++) {
            Rw rw = own.get(i);
            for (int n = 1; n <= 1 + extra[i]; n++) {
                String flower = POSYANDU_NAMES[random.nextInt(POSYANDU_NAMES.length)];
                int number = nameCounter.merge(rw.kelurahan() + flower, 1, Integer::sum);
                String name = "Posyandu " + flower + " " + number;
                Long parent = pustuOf.getOrDefault(rw.kelurahan(), puskesmasOf.get(rw.kelurahan()));
                long id = insertFacility(
                        "PSY-" + RegionCode.parse(rw.code()).undotted() + "-" + n,
                        name,
                        "POSYANDU",
                        parent,
                        "(SELECT ST_GeometryN(ST_GeneratePoints(geom, 1, " + (1 + random.nextInt(1_000_000))
                                + "), 1) FROM regions WHERE code = '" + rw.code() + "')",
                        "APPROXIMATE",
                        "SYNTHETIC demo posyandu: a seeded random point inside the RW it serves",
                        true,
                        rw.code());
                jdbc.sql("""
                        UPDATE facilities SET address_rt = :rt, kader_purwa = :purwa, kader_madya = :madya,
                                              kader_utama = :utama WHERE id = :id""")
                        .param("rt", 1 + random.nextInt(12))
                        .param("purwa", 3 + random.nextInt(4))
                        .param("madya", 1 + random.nextInt(3))
                        .param("utama", random.nextInt(3) == 0 ? 1 : 0)
                        .param("id", id)
                        .update();
                List<String> offered = new ArrayList<>(posyanduServices);
                for (int drop = random.nextInt(3); drop > 0; drop--) { // a posyandu still building its services
                    String candidate = offered.get(random.nextInt(offered.size()));
                    if (!CORE_POSYANDU_SERVICES.contains(candidate)) {
                        offered.remove(candidate);
                    }
                }
                jdbc.sql("""
                        INSERT INTO facility_services (facility_id, service_key, kabkota_code)
                        SELECT :id, key, :k FROM services WHERE key = ANY(:keys)""")
                        .param("id", id)
                        .param("k", KOTA)
                        .param("keys", offered.toArray(String[]::new))
                        .update();
                jdbc.sql("""
                        UPDATE facilities SET segments = ARRAY(
                            SELECT DISTINCT s.segment FROM facility_services fs JOIN services s ON s.key = fs.service_key
                             WHERE fs.facility_id = :id AND s.segment <> 'SEMUA' ORDER BY 1)
                         WHERE id = :id""").param("id", id).update();
                addSession(
                        id,
                        1 + random.nextInt(4),
                        1 + random.nextInt(6),
                        new String[] {"07:30", "08:00", "08:30"}[random.nextInt(3)],
                        3);
                if (random.nextInt(100) < 15) { // an afternoon session for remaja or lansia in another week
                    addSession(
                            id, random.nextBoolean() ? -1 : 1 + random.nextInt(4), 1 + random.nextInt(6), "15:30", 2);
                }
                jdbc.sql(
                                "INSERT INTO facility_catchments (facility_id, region_code, kabkota_code) VALUES (:id, :rw, :k)")
                        .param("id", id)
                        .param("rw", rw.code())
                        .param("k", KOTA)
                        .update();
                firstPosyanduOfRw.putIfAbsent(rw.code(), id);
                count++;
            }
        }
        for (Rw rw : rws) {
            if (service.get(rw.code()) == RwService.SHARED) {
                String host = neighbours.get(rw.code()).stream()
                        .filter(n -> service.get(n) == RwService.OWN)
                        .findFirst()
                        .orElseThrow();
                jdbc.sql(
                                "INSERT INTO facility_catchments (facility_id, region_code, kabkota_code) VALUES (:id, :rw, :k)")
                        .param("id", firstPosyanduOfRw.get(host))
                        .param("rw", rw.code())
                        .param("k", KOTA)
                        .update();
            }
        }
        return count;
    }

    private void addSession(long id, int weekOfMonth, int dayOfWeek, String start, int hours) {
        LocalTime startTime = LocalTime.parse(start);
        jdbc.sql("""
                INSERT INTO posyandu_sessions (facility_id, week_of_month, day_of_week, starts_at, ends_at, kabkota_code)
                VALUES (:id, :week, :day, :start, :end, :k) ON CONFLICT DO NOTHING""")
                .param("id", id)
                .param("week", weekOfMonth)
                .param("day", dayOfWeek)
                .param("start", startTime)
                .param("end", startTime.plusHours(hours))
                .param("k", KOTA)
                .update();
    }

    // ---------------------------------------------------------------------------------------------- programmes

    private int insertPrograms(SplittableRandom random) {
        insertProgram(
                "ILP",
                "Integrasi Layanan Primer",
                "Integrated primary care (KMK HK.01.07/MENKES/2015/2023): puskesmas clusters by life cycle, a pustu per "
                        + "kelurahan and one posyandu for every age. Demo: the whole network of the city.",
                allSegments(),
                "2024-01-01",
                null);
        jdbc.sql("INSERT INTO program_areas VALUES ('ILP', :k)")
                .param("k", KOTA)
                .update();
        jdbc.sql("""
                INSERT INTO program_facilities SELECT 'ILP', id FROM facilities
                 WHERE kabkota_code = :k AND type IN ('PUSKESMAS', 'PUSTU', 'POSYANDU')""").param("k", KOTA).update();

        insertProgram(
                "KRISNNA",
                "KRISNNA",
                "Follow-up of small and low-birth-weight (BBLR, < 2500 g) babies with home visits (Kota Semarang's "
                        + "programme, used as a pattern). Demo period and facilities.",
                new String[] {"NEONATUS", "BAYI"},
                "2025-01-01",
                "2025-12-31");
        jdbc.sql("INSERT INTO program_areas VALUES ('KRISNNA', :k)")
                .param("k", KOTA)
                .update();
        jdbc.sql(
                        "INSERT INTO program_facilities SELECT 'KRISNNA', id FROM facilities WHERE kabkota_code = :k AND type = 'PUSKESMAS'")
                .param("k", KOTA)
                .update();

        insertProgram(
                "PERMAISURI",
                "PERMAISURI",
                "Care of pregnant women with referral of high-risk pregnancies (4T, KEK) to facilities (Kota Semarang's "
                        + "programme, used as a pattern). Demo period and facilities.",
                new String[] {"IBU_HAMIL", "IBU_BERSALIN", "IBU_NIFAS"},
                "2025-01-01",
                null);
        jdbc.sql("INSERT INTO program_areas VALUES ('PERMAISURI', :k)")
                .param("k", KOTA)
                .update();
        jdbc.sql("""
                INSERT INTO program_facilities SELECT 'PERMAISURI', id FROM facilities
                 WHERE kabkota_code = :k AND type IN ('PUSKESMAS', 'RUMAH_SAKIT')""").param("k", KOTA).update();

        insertProgram(
                "KLEOPATRA",
                "KLEOPATRA",
                "Convergence on RWs where extreme poverty, stunting and TB overlap (Kota Semarang's programme, used as a "
                        + "pattern). Demo areas: three RWs in each of five coastal kelurahan of Pekalongan Utara.",
                new String[] {"BALITA", "IBU_HAMIL", "DEWASA"},
                "2025-07-01",
                "2026-06-30");
        for (String kelurahan :
                List.of("33.75.03.1002", "33.75.03.1003", "33.75.03.1004", "33.75.03.1007", "33.75.03.1009")) {
            List<String> rws = jdbc.sql("SELECT code FROM regions WHERE parent_code = :kel ORDER BY code")
                    .param("kel", kelurahan)
                    .query(String.class)
                    .list();
            List<String> picked = new ArrayList<>(rws);
            while (picked.size() > 3) {
                picked.remove(random.nextInt(picked.size()));
            }
            for (String rw : picked) {
                jdbc.sql("INSERT INTO program_areas VALUES ('KLEOPATRA', :rw)")
                        .param("rw", rw)
                        .update();
            }
        }
        jdbc.sql("""
                INSERT INTO program_facilities
                SELECT DISTINCT 'KLEOPATRA', c.facility_id FROM facility_catchments c
                  JOIN program_areas a ON a.program_key = 'KLEOPATRA'
                   AND (c.region_code = a.region_code OR c.region_code = left(a.region_code, 13))
                  JOIN facilities f ON f.id = c.facility_id AND f.type IN ('PUSKESMAS', 'POSYANDU')""").update();

        insertProgram(
                "GERAKAN_INTERVENSI_SERENTAK",
                "Gerakan Intervensi Serentak Pencegahan Stunting",
                "Simultaneous drive: every balita and pregnant woman measured at the posyandu within one window "
                        + "(national drive of June 2024). Demo: every posyandu of the city.",
                new String[] {"BALITA", "IBU_HAMIL"},
                "2024-06-01",
                "2024-06-30");
        jdbc.sql("INSERT INTO program_areas VALUES ('GERAKAN_INTERVENSI_SERENTAK', :k)")
                .param("k", KOTA)
                .update();
        jdbc.sql("""
                INSERT INTO program_facilities SELECT 'GERAKAN_INTERVENSI_SERENTAK', id FROM facilities
                 WHERE kabkota_code = :k AND type = 'POSYANDU'""").param("k", KOTA).update();
        return 5;
    }

    private void insertProgram(
            String key, String name, String description, String[] segments, String start, String end) {
        jdbc.sql("""
                INSERT INTO programs (key, name, description, target_segments, period_start, period_end, synthetic)
                VALUES (:key, :name, :description, :segments, CAST(:start AS date), CAST(:end AS date), true)""")
                .param("key", key)
                .param("name", name)
                .param("description", description)
                .param("segments", segments)
                .param("start", start)
                .param("end", end)
                .update();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private long insertFacility(
            String code,
            String name,
            String type,
            Long parent,
            String pointSql,
            String quality,
            String note,
            boolean synthetic,
            String rwCode) {
        return jdbc.sql("""
                        INSERT INTO facilities (code, name, type, kabkota_code, kelurahan_code, location, location_quality,
                                                location_note, synthetic, parent_id, address_rw_code)
                        SELECT :code, :name, :type, k.kabkota_code, k.code, p.pt, :quality, :note, :synthetic, :parent, :rw
                          FROM (SELECT %s AS pt) p
                          JOIN regions k ON k.level = 'KELURAHAN' AND k.kabkota_code = :kota AND ST_Intersects(k.geom, p.pt)
                         ORDER BY k.code LIMIT 1
                        RETURNING id""".formatted(pointSql))
                .param("code", code)
                .param("name", name)
                .param("type", type)
                .param("quality", quality)
                .param("note", note)
                .param("synthetic", synthetic)
                .param("parent", parent)
                .param("rw", rwCode)
                .param("kota", KOTA)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new IllegalStateException("Facility " + code + " lies outside every kelurahan"));
    }

    private void addOpeningHours(long id, int fromDay, int toDay, String opens, String closes) {
        for (int day = fromDay; day <= toDay; day++) {
            jdbc.sql("""
                    INSERT INTO facility_opening_hours (facility_id, day_of_week, opens, closes, kabkota_code)
                    VALUES (:id, :day, :opens, :closes, :k)""")
                    .param("id", id)
                    .param("day", day)
                    .param("opens", LocalTime.parse(opens))
                    .param("closes", LocalTime.parse(closes))
                    .param("k", KOTA)
                    .update();
        }
    }

    private void addServicesOfLevel(long id, String levelColumn) {
        jdbc.sql(
                        "INSERT INTO facility_services (facility_id, service_key, kabkota_code) SELECT :id, key, :k FROM services WHERE "
                                + levelColumn)
                .param("id", id)
                .param("k", KOTA)
                .update();
    }

    private String kelurahanAt(String pointSql) {
        return jdbc.sql("SELECT code FROM regions WHERE level = 'KELURAHAN' AND ST_Intersects(geom, " + pointSql
                        + ") ORDER BY code LIMIT 1")
                .query(String.class)
                .optional()
                .orElseThrow(() -> new IllegalStateException("Survey point outside every kelurahan: " + pointSql));
    }

    private String regionName(String code) {
        return jdbc.sql("SELECT name FROM regions WHERE code = :c")
                .param("c", code)
                .query(String.class)
                .single();
    }

    private static String pointSql(Map<String, String> row) {
        double lon = Double.parseDouble(row.get("lon"));
        double lat = Double.parseDouble(row.get("lat"));
        return String.format(Locale.ROOT, "ST_SetSRID(ST_MakePoint(%.7f, %.7f), 4326)", lon, lat);
    }

    private static String slug(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String[] allSegments() {
        return LifeCycleSegments.ALL.toArray(String[]::new);
    }

    private static List<Map<String, String>> surveyFacilities() {
        try (InputStream in =
                new ClassPathResource("reference/pekalongan/pekalongan_health_facilities_2016.csv").getInputStream()) {
            return Csv.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
