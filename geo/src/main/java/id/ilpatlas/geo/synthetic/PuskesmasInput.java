package id.ilpatlas.geo.synthetic;

import java.util.List;
import java.util.Objects;

/**
 * One puskesmas and the kelurahan of its wilayah kerja (working area).
 *
 * @param code facility code ({@code PKM-…}); written to the SITB {@code Faskes} column
 * @param name display name
 * @param kelurahanCodes dotted kode wilayah of the kelurahan it serves
 */
public record PuskesmasInput(String code, String name, List<String> kelurahanCodes) {

    /** Copies the list. */
    public PuskesmasInput {
        Objects.requireNonNull(code, "code");
        kelurahanCodes = List.copyOf(kelurahanCodes);
    }
}
