package id.ilpatlas.geo.privacy;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one kind of insider knows exactly: every cell (all periods) of the subtrees of {@code areas}.
 *
 * <p>Users with case access see their own scope exactly, and also see the one public table. Pass the
 * scopes of all such users to {@link SmallCellSuppression#SmallCellSuppression(int, java.util.List)}
 * so that none of them can pin down a suppressed cell outside his scope by combining the two. Typical
 * scopes, one per user or role assignment (duplicates are harmless):
 *
 * <ul>
 *   <li>LURAH: {@code InsiderScope.of("33.75.01.1002")}, the whole kelurahan subtree;
 *   <li>CAMAT: {@code InsiderScope.of("33.75.01")};
 *   <li>PUSKESMAS_STAFF: the kelurahan of its wilayah kerja, {@code InsiderScope.of("33.75.01.1001",
 *       "33.75.01.1002")};
 *   <li>KADER: the RW leaves of his posyandu, {@code InsiderScope.of("33.75.01.1002.RW003",
 *       "33.75.01.1002.RW004")} (not the kelurahan).
 * </ul>
 *
 * <p>A scope covers the leaves below its keys; an area is <em>inside</em> the scope when all of its
 * leaves are covered, because the insider can add them up (a kader holding every RW and the unassigned
 * leaf of a kelurahan knows the kelurahan total). Cells inside the scope are the insider's own
 * business; every suppressed cell outside it stays undeterminable for him. Insiders pooling their
 * knowledge (two kaders comparing notes) are not covered: pass their union as a scope of its own if
 * that must hold too.
 *
 * @param label a name for diagnostics, e.g. {@code "kader posyandu Melati 3"}; never used for logic
 * @param areas area keys of the lattice (any level), at least one
 */
public record InsiderScope(String label, Set<String> areas) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument or key is null
     * @throws IllegalArgumentException if {@code areas} is empty or holds a blank key
     */
    public InsiderScope {
        Objects.requireNonNull(label, "label must not be null");
        areas = validKeys(areas);
    }

    /**
     * A scope labelled by its keys.
     *
     * @param areas area keys, at least one
     * @return the scope
     * @throws NullPointerException if an argument or key is null
     * @throws IllegalArgumentException if there is no key or a blank one
     */
    public static InsiderScope of(String... areas) {
        Objects.requireNonNull(areas, "areas must not be null");
        return of(Arrays.asList(areas));
    }

    /**
     * A scope labelled by its keys.
     *
     * @param areas area keys, at least one
     * @return the scope
     * @throws NullPointerException if an argument or key is null
     * @throws IllegalArgumentException if there is no key or a blank one
     */
    public static InsiderScope of(Collection<String> areas) {
        Set<String> keys = validKeys(areas);
        return new InsiderScope(String.join("+", keys), keys);
    }

    private static Set<String> validKeys(Collection<String> areas) {
        Objects.requireNonNull(areas, "areas must not be null");
        TreeSet<String> copy = new TreeSet<>();
        for (String key : areas) {
            Objects.requireNonNull(key, "areas must not contain null");
            if (key.isBlank()) {
                throw new IllegalArgumentException("area keys must not be blank");
            }
            copy.add(key);
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("an insider scope needs at least one area");
        }
        return Collections.unmodifiableSet(copy);
    }
}
