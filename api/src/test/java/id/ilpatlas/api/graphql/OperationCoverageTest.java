package id.ilpatlas.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Query and Mutation field of the served schema is executed against the database by a test document: a
 * {@code graphql-test/**}{@code /NAME.graphql} whose sidecar {@code NAME.variables.json} lists runs of its operations
 * ({@code [{"operation": "Op", "user": "dinkes", "variables": {...}}]}; {@code operation} may be left out when the
 * document has one, {@code user} defaults to {@code dinkes}, {@code anonymous} sends no token). This test runs each of
 * them over HTTP, as the feature tests do, and demands an answer without any GraphQL error; a field is covered when
 * it is a root field of an operation run so. It fails for a field no run covers (a new field without a test document,
 * or a document whose run stopped working, e.g. {@code targetSelections} answering INTERNAL_ERROR), independently of
 * which other tests ran before it.
 *
 * <p>The runs are smoke runs, one or two requests per field: a mutation may run with an input the server refuses with
 * a typed error (a stale version, an unknown id), so that the run changes nothing other tests see; its happy path is
 * the business of the feature tests that use the same document. Subscription fields cannot run over HTTP; for them
 * a document under graphql-test/ that subscribes to the field is required.
 */
@Slow
class OperationCoverageTest extends IntegrationTest {

    private static final String ROOT = "graphql-test/";
    private static final String SIDECAR = ".variables.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    GraphQlSource graphQlSource;

    /** One request of a sidecar. */
    private record Run(String document, String operation, String user, Map<String, Object> variables) {
        String describe() {
            return document + (operation == null ? "" : "#" + operation) + " as " + user;
        }
    }

    /** Every document under graphql-test/, by name relative to it without {@code .graphql} (as documentName wants). */
    private static Map<String, String> documents() throws IOException {
        Map<String, String> documents = new TreeMap<>();
        for (Resource r :
                new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "**/*.graphql")) {
            String path = r.getURL().toString();
            String name = path.substring(path.lastIndexOf(ROOT) + ROOT.length(), path.length() - ".graphql".length());
            try (InputStream in = r.getInputStream()) {
                documents.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static List<Run> runs(Map<String, String> documents, List<String> problems) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Resource r :
                new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "**/*" + SIDECAR)) {
            String path = r.getURL().toString();
            String name = path.substring(path.lastIndexOf(ROOT) + ROOT.length(), path.length() - SIDECAR.length());
            if (!documents.containsKey(name)) {
                problems.add(ROOT + name + SIDECAR + ": no document " + ROOT + name + ".graphql next to it");
                continue;
            }
            List<Map<String, Object>> entries;
            try (InputStream in = r.getInputStream()) {
                entries = JSON.readValue(in, List.class);
            }
            for (Map<String, Object> entry : entries) {
                Map<String, Object> variables = (Map<String, Object>) entry.getOrDefault("variables", Map.of());
                runs.add(new Run(
                        name,
                        (String) entry.get("operation"),
                        (String) entry.getOrDefault("user", "dinkes"),
                        variables));
            }
        }
        return runs;
    }

    /** The operation a run names (or the only one), with the root fields it selects, as {@code Type.field}. */
    private static Set<String> rootFields(Document document, String operationName, GraphQLSchema schema) {
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        List<OperationDefinition> operations = new ArrayList<>();
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            } else if (d instanceof OperationDefinition o) {
                operations.add(o);
            }
        }
        List<OperationDefinition> chosen = operations.stream()
                .filter(o -> operationName == null ? operations.size() == 1 : operationName.equals(o.getName()))
                .toList();
        if (chosen.size() != 1) {
            throw new IllegalArgumentException(
                    operationName == null
                            ? "the document has " + operations.size() + " operations: name one with \"operation\""
                            : "the document has no operation " + operationName);
        }
        OperationDefinition operation = chosen.get(0);
        GraphQLObjectType root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
        };
        Set<String> fields = new TreeSet<>();
        collect(operation.getSelectionSet(), fragments, root.getName(), fields);
        return fields;
    }

    private static void collect(
            SelectionSet set, Map<String, FragmentDefinition> fragments, String type, Set<String> fields) {
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                if (!f.getName().startsWith("__")) {
                    fields.add(type + "." + f.getName());
                }
            } else if (s instanceof InlineFragment i) {
                collect(i.getSelectionSet(), fragments, type, fields);
            } else if (s instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                collect(fragments.get(spread.getName()).getSelectionSet(), fragments, type, fields);
            }
        }
    }

    private static List<String> fieldsOf(GraphQLObjectType type) {
        return type == null
                ? List.of()
                : type.getFieldDefinitions().stream()
                        .map(GraphQLFieldDefinition::getName)
                        .map(f -> type.getName() + "." + f)
                        .toList();
    }

    private HttpGraphQlTester tester(String user) {
        return "anonymous".equals(user) ? anonymous() : as(user);
    }

    @Test
    void everyQueryAndMutationFieldIsExecutedAgainstTheDatabaseByATestDocument() throws IOException {
        GraphQLSchema schema = graphQlSource.schema();
        Map<String, String> documents = documents();
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        Map<String, Set<String>> usedBy = new TreeMap<>();
        Map<String, Document> parsed = new TreeMap<>();
        for (Map.Entry<String, String> d : documents.entrySet()) {
            Document document = Parser.parse(d.getValue());
            parsed.put(d.getKey(), document);
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof OperationDefinition o) {
                    rootFields(document, o.getName(), schema)
                            .forEach(f -> usedBy.computeIfAbsent(f, k -> new TreeSet<>())
                                    .add(d.getKey()));
                }
            }
        }

        for (Run run : runs(documents, problems)) {
            Set<String> fields;
            try {
                fields = rootFields(parsed.get(run.document()), run.operation(), schema);
            } catch (IllegalArgumentException e) {
                problems.add(run.describe() + ": " + e.getMessage());
                continue;
            }
            GraphQlTester.Request<?> request = tester(run.user()).documentName(run.document());
            if (run.operation() != null) {
                request = request.operationName(run.operation());
            }
            for (Map.Entry<String, Object> v : run.variables().entrySet()) {
                request = request.variable(v.getKey(), v.getValue());
            }
            GraphQlResponse response = request.execute().returnResponse();
            if (!response.getErrors().isEmpty() || response.getData() == null) {
                problems.add(run.describe() + " answered with errors: "
                        + response.getErrors().stream()
                                .map(e -> e.getErrorType() + " " + e.getPath() + " " + e.getMessage())
                                .toList());
            } else {
                covered.addAll(fields);
            }
        }

        List<String> expected = new ArrayList<>(fieldsOf(schema.getQueryType()));
        expected.addAll(fieldsOf(schema.getMutationType()));
        for (String field : expected) {
            if (!covered.contains(field)) {
                problems.add(field + " is not executed by any run of a " + SIDECAR + " sidecar under " + ROOT
                        + (usedBy.containsKey(field)
                                ? " (documents using it: " + usedBy.get(field) + "; add runs next to one)"
                                : " (no document uses it: add one with a sidecar)"));
            }
        }
        for (String field : fieldsOf(schema.getSubscriptionType())) {
            if (!usedBy.containsKey(field)) {
                problems.add(field + ": no document under " + ROOT + " subscribes to it");
            }
        }
        assertThat(problems)
                .as("operation coverage (see OperationCoverageTest's description)")
                .isEmpty();
        assertThat(covered).as("fields covered").containsAll(expected);
    }
}
