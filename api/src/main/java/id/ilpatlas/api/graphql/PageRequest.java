package id.ilpatlas.api.graphql;

/**
 * A validated forward page request: {@code first} items after the key inside the {@code after} cursor.
 *
 * @param kind     the connection's cursor kind, e.g. {@code region}
 * @param first    page size, 1..{@value #MAX_FIRST}
 * @param afterKey the keyset position, null for the first page
 */
public record PageRequest(String kind, int first, String afterKey) {

    public static final int MAX_FIRST = 1000;
    public static final int DEFAULT_FIRST = 100;

    /** Validates GraphQL {@code first}/{@code after} arguments; errors name the argument. */
    public static PageRequest of(String kind, Integer first, String after) {
        int size = first == null ? DEFAULT_FIRST : first;
        if (size < 1 || size > MAX_FIRST) {
            throw new InvalidArgumentException("first", "must be between 1 and " + MAX_FIRST + ", was " + size);
        }
        String key = after == null ? null : Cursors.decode(kind, after, "after");
        return new PageRequest(kind, size, key);
    }

    /** The LIMIT to query with: one more row than the page, to learn whether a next page exists. */
    public int limitWithLookahead() {
        return first + 1;
    }

    /**
     * The {@code after} key of a connection keyed by a numeric id: null for the first page.
     *
     * @throws InvalidArgumentException naming {@code after} when the key is not a number
     */
    public Long afterId() {
        if (afterKey == null) {
            return null;
        }
        try {
            return Long.parseLong(afterKey);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("after", "not a cursor returned by this connection");
        }
    }
}
