package id.ilpatlas.api.security;

/** Roles of ILP Atlas; each caller has one, with a geographic scope (docs/DESIGN.md §4). */
public enum Role {
    /** Dinas Kesehatan: the whole kab/kota; edits the registry; reads the audit log. */
    DINKES_ADMIN,
    /** Planner at the Dinkes: exact aggregate counts inside its scope (its kab/kota), never person-level data. */
    PLANNER,
    /** Camat: one kecamatan. */
    CAMAT,
    /** Lurah: one kelurahan. */
    LURAH,
    /** Puskesmas staff: the puskesmas's wilayah kerja; edits the registry inside it. */
    PUSKESMAS_STAFF,
    /** Kader: the RWs of the posyandu. */
    KADER,
    /** No token: public aggregates only. */
    ANONYMOUS
}
