package id.ilpatlas.api.facility;

import java.util.List;

/** The ILP life-cycle segments (target groups) a service or visit addresses. */
public final class LifeCycleSegments {

    /** Every segment in the schema's order (LifeCycleSegment without SEMUA). */
    public static final List<String> ALL = List.of(
            "IBU_HAMIL",
            "IBU_BERSALIN",
            "IBU_NIFAS",
            "NEONATUS",
            "BAYI",
            "BALITA",
            "PRASEKOLAH",
            "USIA_SEKOLAH",
            "REMAJA",
            "DEWASA",
            "LANSIA");

    private LifeCycleSegments() {}
}
