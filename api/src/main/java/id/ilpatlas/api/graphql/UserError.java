package id.ilpatlas.api.graphql;

import java.util.ArrayList;
import java.util.List;

/**
 * An expected mutation failure returned in a payload's {@code errors}. Implementations are records whose simple
 * class name is the GraphQL type name (Spring for GraphQL resolves the interface by class name).
 */
public interface UserError {

    /** What is wrong and how to fix it. */
    String message();

    /** Path of the offending input field, e.g. {@code [input, location, latitude]}. */
    List<String> field();

    /** The path of a field of the mutation's {@code input} argument: {@code inputPath("location", "latitude")}. */
    static List<String> inputPath(String... parts) {
        List<String> path = new ArrayList<>();
        path.add("input");
        path.addAll(List.of(parts));
        return path;
    }
}
