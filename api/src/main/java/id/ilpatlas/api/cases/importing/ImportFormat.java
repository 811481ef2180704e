package id.ilpatlas.api.cases.importing;

import java.util.Locale;

/** The file formats the case importer reads (see docs/case-formats.md). */
public enum ImportFormat {
    /** e-PPGBM by-name export: child growth measurements. */
    EPPGBM,
    /** SITB case list: tuberculosis. */
    SITB,
    /** P3KE / DTSEN: families ranked by welfare desil. */
    P3KE,
    /** PERMAISURI pregnancy cohort: mothers, births, deaths. */
    PERMAISURI;

    /** From a command-line or URL name such as {@code eppgbm}; null when unknown. */
    public static ImportFormat fromName(String name) {
        for (ImportFormat format : values()) {
            if (format.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return format;
            }
        }
        return null;
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
