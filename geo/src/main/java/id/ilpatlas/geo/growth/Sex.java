package id.ilpatlas.geo.growth;

/**
 * Sex of the child, which selects the boys' or the girls' growth standard. The WHO tables code it
 * as {@code 1} (male) and {@code 2} (female).
 */
public enum Sex {
    /** Boy; WHO code {@code 1}. */
    MALE(1),
    /** Girl; WHO code {@code 2}. */
    FEMALE(2);

    private final int whoCode;

    Sex(int whoCode) {
        this.whoCode = whoCode;
    }

    /**
     * The code used by the WHO tables and the WHO Anthro software.
     *
     * @return {@code 1} for {@link #MALE}, {@code 2} for {@link #FEMALE}
     */
    public int whoCode() {
        return whoCode;
    }

    /**
     * The sex with the given WHO code.
     *
     * @param whoCode {@code 1} (male) or {@code 2} (female)
     * @return the sex
     * @throws IllegalArgumentException for any other code
     */
    public static Sex ofWhoCode(int whoCode) {
        return switch (whoCode) {
            case 1 -> MALE;
            case 2 -> FEMALE;
            default -> throw new IllegalArgumentException("WHO sex code must be 1 or 2, got " + whoCode);
        };
    }
}
