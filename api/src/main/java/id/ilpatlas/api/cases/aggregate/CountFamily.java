package id.ilpatlas.api.cases.aggregate;

import id.ilpatlas.api.cases.importing.ImportFormat;

/**
 * Related case counts that are published together on one suppression pattern (see
 * {@link id.ilpatlas.geo.privacy.SmallCellSuppression#applyRelated}): each family splits its events into disjoint
 * atoms, and every {@link CaseIndicator} of the family is a sum of atoms, so that "successes ≤ with an outcome ≤
 * notified" or "severely stunted ≤ stunted ≤ measured" are part of what an attacker is assumed to know.
 *
 * <p>Each family's SQL ({@code sql/case-count-atoms.sql} section of the same name) returns, for one kab/kota and year,
 * {@code (leaf, month, atom, n, synthetic)} rows: leaf the RW or kelurahan (cases without an RW), month 1..12, atom
 * {@code 0..atoms-1}. Every count is additive over RWs and months, so an area's or a period's count is the sum of its
 * leaves'.
 */
enum CountFamily {
    /**
     * Child-months: per calendar month, each child measured in it once, with its latest measurement of the month.
     * Atom = 4 × severity (0 not stunted or unknown, 1 stunted but not severely, 2 severely stunted) + 2 × wasted +
     * underweight.
     */
    GROWTH(12, ImportFormat.EPPGBM),
    /** TB cases by diagnosis month. Atom 0: cured or treatment completed; 1: another outcome; 2: no outcome yet. */
    TB(3, ImportFormat.SITB),
    /** Births by delivery month. Atom 0: under 2500 g (BBLR); 1: 2500 g or more, or weight unknown. */
    BIRTHS(2, ImportFormat.PERMAISURI),
    /** Maternal deaths by month of death. */
    MATERNAL_DEATHS(1, ImportFormat.PERMAISURI),
    /** Infant deaths by month of death. */
    INFANT_DEATHS(1, ImportFormat.PERMAISURI);

    final int atoms;
    /** The register the family is counted from. */
    final ImportFormat register;

    CountFamily(int atoms, ImportFormat register) {
        this.atoms = atoms;
        this.register = register;
    }
}
