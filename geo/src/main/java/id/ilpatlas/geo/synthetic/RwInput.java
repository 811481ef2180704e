package id.ilpatlas.geo.synthetic;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One RW of the city, as the api module reads it from the database.
 *
 * @param code RW key {@code <kode kelurahan>.RW<nnn>}, e.g. {@code 33.75.03.1006.RW004}; the {@code nnn} is
 *     the RW number written to the files
 * @param kelurahanCode dotted kode wilayah of the kelurahan, e.g. {@code 33.75.03.1006}
 * @param kecamatanCode dotted kode wilayah of the kecamatan, e.g. {@code 33.75.03}; its digits are the NIK prefix
 * @param population residents of the RW, {@code >= 0}
 * @param polygon RW area, EPSG:4326 {@code [lon, lat]}; {@code null} means "no geometry" (no points written)
 */
public record RwInput(String code, String kelurahanCode, String kecamatanCode, int population, Geometry polygon) {

    /** Checks the codes and the population. */
    public RwInput {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kelurahanCode, "kelurahanCode");
        Objects.requireNonNull(kecamatanCode, "kecamatanCode");
        if (population < 0) {
            throw new IllegalArgumentException("RW " + code + ": population must be >= 0, got " + population);
        }
        if (!code.startsWith(kelurahanCode + ".RW")) {
            throw new IllegalArgumentException("RW " + code + ": code must be <kelurahanCode>.RW<nnn>");
        }
        if (!kelurahanCode.startsWith(kecamatanCode + ".")) {
            throw new IllegalArgumentException(
                    "RW " + code + ": kelurahan " + kelurahanCode + " is not inside kecamatan " + kecamatanCode);
        }
        if (kecamatanCode.replace(".", "").length() != 6
                || !kecamatanCode.replace(".", "").chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("RW " + code + ": kecamatanCode must be PP.KK.CC, got " + kecamatanCode);
        }
    }
}
