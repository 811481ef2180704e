package id.ilpatlas.api.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Small helpers of the targeting tests: inputs, a mutation's payload, its lists, its success. */
final class SelectionDocuments {

    private SelectionDocuments() {}

    /** A map of alternating keys and values, in that order. */
    static Map<String, Object> input(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Runs a mutation document of graphql-test/ with {@code $input} and returns the payload of {@code field}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mutate(HttpGraphQlTester tester, String document, String field, Map<String, Object> in) {
        return tester.documentName(document)
                .variable("input", in)
                .execute()
                .path(field)
                .entity(Map.class)
                .get();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String field) {
        return (List<Map<String, Object>>) map.get(field);
    }

    /** The payload's {@code field} after asserting that it has no errors. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(Map<String, Object> payload, String field) {
        assertThat(list(payload, "errors")).as("errors of %s", payload).isEmpty();
        return (Map<String, Object>) payload.get(field);
    }

    static Map<String, Object> ok(Map<String, Object> payload) {
        return ok(payload, "targetSelection");
    }
}
