package id.ilpatlas.api.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A Relay connection page: edges, page info and the total count.
 *
 * @param <T> node type
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, Integer totalCount) {

    /** One node with its cursor. */
    public record Edge<T>(String cursor, T node) {}

    /** Relay page info. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    /**
     * Builds a page from rows fetched with {@code LIMIT first + 1}: the extra row only tells that a next page exists.
     *
     * @param rows     up to {@code first + 1} rows in cursor order
     * @param request  the page request
     * @param cursorOf the cursor key of a row
     */
    public static <T> Connection<T> of(
            List<T> rows, PageRequest request, Function<T, String> cursorOf, Integer totalCount) {
        boolean hasNext = rows.size() > request.first();
        List<Edge<T>> edges = new ArrayList<>();
        for (T row : rows.subList(0, Math.min(rows.size(), request.first()))) {
            edges.add(new Edge<>(Cursors.encode(request.kind(), cursorOf.apply(row)), row));
        }
        PageInfo pageInfo = new PageInfo(
                hasNext,
                request.afterKey() != null,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new Connection<>(edges, pageInfo, totalCount);
    }
}
