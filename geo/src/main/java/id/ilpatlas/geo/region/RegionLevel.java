package id.ilpatlas.geo.region;

/** Administrative level of a {@link RegionCode}, from the largest region to the smallest. */
public enum RegionLevel {
    /** Province, {@code PP} (e.g. {@code 33}, Jawa Tengah). */
    PROVINSI,
    /** Regency or city, {@code PP.KK} (e.g. {@code 33.75}, Kota Pekalongan). */
    KABKOTA,
    /** District, {@code PP.KK.CC} (e.g. {@code 33.75.01}). */
    KECAMATAN,
    /**
     * Urban village (kelurahan, DDDD starting with 1) or rural village (desa, starting with 2),
     * {@code PP.KK.CC.DDDD}.
     */
    KELURAHAN,
    /** Rukun warga inside a kelurahan/desa, {@code PP.KK.CC.DDDD.RWnnn} (synthetic in this project). */
    RW
}
