package id.ilpatlas.api.cases.importing;

import com.github.benmanes.caffeine.cache.Cache;
import id.ilpatlas.api.privacy.Nik;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one import job looks values up in: known kelurahan (by code and by unique name), facilities (by code and by
 * unique name), the NIK hasher and who imports (rows outside their scope are rejected). Loaded once per job.
 */
final class ImportContext {

    /** An address as read from a row, before the RW is assigned in SQL. */
    record Address(
            String kabkotaCode,
            String kelurahanCode,
            Integer rt,
            Integer rwNumber,
            String street,
            Double longitude,
            Double latitude) {}

    private static final Pattern SIXTEEN_DIGITS = Pattern.compile("\\d{16}");

    private final Caller caller;
    private final Nik nik;
    /** {@link Nik#keyed} by text, shared with the importer (a child's rows repeat its identity). */
    private final Cache<String, String> keyedHashes;

    private final Set<String> kelurahanCodes = new HashSet<>();
    /** Kelurahan codes by normalized name (several when the name repeats across kab/kota or kecamatan). */
    private final Map<String, List<String>> kelurahanByName = new HashMap<>();

    private final Map<String, Long> facilityByCode = new HashMap<>();
    private final Map<String, Long> facilityByName = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();

    ImportContext(JdbcClient jdbc, Caller caller, Nik nik, Cache<String, String> keyedHashes) {
        this.caller = caller;
        this.nik = nik;
        this.keyedHashes = keyedHashes;
        jdbc.sql("SELECT code, name FROM regions WHERE level = 'KELURAHAN'")
                .query((rs, n) -> {
                    String code = rs.getString(1);
                    kelurahanCodes.add(code);
                    kelurahanByName
                            .computeIfAbsent(CaseCsvReader.normalize(rs.getString(2)), k -> new ArrayList<>())
                            .add(code);
                    return null;
                })
                .list();
        jdbc.sql("SELECT id, code, name FROM facilities WHERE active")
                .query((rs, n) -> {
                    facilityByCode.put(rs.getString(2).toUpperCase(), rs.getLong(1));
                    putUnique(facilityByName, CaseCsvReader.normalize(rs.getString(3)), rs.getLong(1), "fac:");
                    return null;
                })
                .list();
    }

    private <V> void putUnique(Map<String, V> map, String key, V value, String kind) {
        if (ambiguous.contains(kind + key)) {
            return;
        }
        if (map.putIfAbsent(key, value) != null && !map.get(key).equals(value)) {
            map.remove(key);
            ambiguous.add(kind + key);
        }
    }

    /** The keyed hash of a NIK or family card number (16 digits), or null with a problem recorded. */
    String hashIdentity(RowProblems row, String column, String value, boolean nikRules) {
        if (nikRules) {
            String problem = Nik.problem(value);
            if (problem != null) {
                row.add(column, "malformed: " + problem);
                return null;
            }
        } else if (value == null || !SIXTEEN_DIGITS.matcher(value).matches() || value.endsWith("0000")) {
            row.add(column, "malformed: a family card number (No KK) has 16 digits");
            return null;
        }
        return keyedHashes.get(value, nik::keyed);
    }

    /** A generated key from identifying text, keyed like a NIK so that it cannot be reversed by guessing names. */
    String generatedKey(String text) {
        return "gen:" + keyedHashes.get(text, nik::keyed);
    }

    Long facility(RowProblems row, String column) {
        String raw = row.text(column);
        if (raw == null) {
            return null;
        }
        Long id = facilityByCode.get(raw.toUpperCase());
        if (id == null) {
            id = facilityByName.get(CaseCsvReader.normalize(raw));
        }
        if (id == null) {
            row.add(
                    column,
                    "unknown facility '" + RowProblems.shown(raw)
                            + "' (give its code, e.g. PKM-3375-MEDONO, or its exact name)");
        }
        return id;
    }

    /**
     * Reads the address columns. A kelurahan code that is well formed but not in the region table is kept at the
     * kab/kota (unassigned); rows outside the importer's scope are rejected.
     */
    Address address(RowProblems row) {
        String rawCode = row.text("kodekel");
        String kelurahan = null;
        String kabkota = null;
        if (rawCode != null) {
            try {
                RegionCode code = RegionCode.parse(rawCode);
                if (code.level() != RegionLevel.KELURAHAN) {
                    row.add(
                            "kodekel",
                            "'" + RowProblems.shown(rawCode) + "' is a " + code.level()
                                    + " code, not a kelurahan/desa code (PP.KK.CC.DDDD)");
                } else {
                    kabkota = code.kabkotaCode().orElseThrow();
                    if (kelurahanCodes.contains(code.dotted())) {
                        kelurahan = code.dotted();
                    }
                }
            } catch (InvalidRegionCodeException e) {
                row.add("kodekel", RowProblems.masked(e.getMessage()));
            }
        } else {
            String name = row.text("desakel");
            if (name == null) {
                row.add("kodekel", "is required (or the kelurahan name in Desa/Kel)");
            } else {
                kelurahan = kelurahanNamed(row, name);
                if (kelurahan == null) {
                    row.add(
                            "desakel",
                            "'" + RowProblems.shown(name)
                                    + "' is not a known kelurahan name, or is ambiguous; give Kode Kel");
                } else {
                    kabkota = RegionCode.parse(kelurahan).kabkotaCode().orElseThrow();
                }
            }
        }
        Integer rt = row.unitNumber("rt");
        Integer rw = row.unitNumber("rw");
        Double lat = row.number("lintang", -11.5, 6.5, "degrees");
        Double lon = row.number("bujur", 94.5, 141.5, "degrees");
        if ((lat == null) != (lon == null) && row.ok()) {
            row.add(
                    lat == null ? "lintang" : "bujur",
                    "is needed together with " + (lat == null ? "Bujur" : "Lintang") + " (or leave both empty)");
        }
        String scopeRegion = kelurahan != null ? kelurahan : kabkota;
        if (scopeRegion != null && !caller.covers(scopeRegion)) {
            row.add(rawCode != null ? "kodekel" : "desakel", CaseImporter.belongsToAnotherArea(caller));
        }
        return new Address(kabkota, kelurahan, rt, rw, row.text("alamat"), lon, lat);
    }

    /**
     * The kelurahan of a name: inside the kab/kota of {@code Kode Kab/Kota} when the row gives one, else anywhere if
     * the name is unique. Null when not found or ambiguous.
     */
    private String kelurahanNamed(RowProblems row, String name) {
        List<String> codes = kelurahanByName.getOrDefault(CaseCsvReader.normalize(name), List.of());
        String rawKabkota = row.text("kodekabkota");
        if (rawKabkota != null) {
            RegionCode kabkota;
            try {
                kabkota = RegionCode.parse(rawKabkota);
            } catch (InvalidRegionCodeException e) {
                row.add("kodekabkota", RowProblems.masked(e.getMessage()));
                return null;
            }
            codes = codes.stream()
                    .filter(c -> RegionCode.parse(c).isWithin(kabkota))
                    .toList();
        }
        return codes.size() == 1 ? codes.get(0) : null;
    }
}
