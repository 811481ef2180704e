package id.ilpatlas.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;

/**
 * A variable value its type refuses is reported with the path of the field refused ({@code VariableErrors}), over
 * HTTP as a client sends it: a date that does not parse, a value not of an enum, an Int that is text, a required field
 * missing, a bad value inside a list of input objects, an unknown field. Errors of the document itself stay as they were.
 */
class VariableErrorsTest extends IntegrationTest {

    private static final String CREATE = """
            mutation Create($input: CreateTargetSelectionInput!) {
              createTargetSelection(input: $input) { targetSelection { id } errors { message } }
            }""";

    private static final String SUBMIT = """
            mutation Submit($input: SubmitTargetSelectionInput!) {
              submitTargetSelection(input: $input) { targetSelection { id } errors { message } }
            }""";

    private static final String VISIT = """
            mutation Visit($input: RecordOutreachVisitInput!) {
              recordOutreachVisit(input: $input) { created errors { message } }
            }""";

    private static Map<String, Object> selection(Object... overrides) {
        Map<String, Object> in = new LinkedHashMap<>(Map.of(
                "purpose",
                "PUSLING",
                "periodFrom",
                "2027-01-01",
                "periodTo",
                "2027-01-31",
                "rwCodes",
                List.of("33.75.01.1002.RW001"),
                "reason",
                "uji"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                in.remove((String) overrides[i]);
            } else {
                in.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return in;
    }

    private ResponseError only(String document, Map<String, Object> input) {
        List<ResponseError> errors = new ArrayList<>();
        as("lurah-medono")
                .document(document)
                .variable("input", input)
                .execute()
                .errors()
                .satisfy(errors::addAll);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private static void names(ResponseError error, List<String> field, String reason) {
        assertThat(error.getMessage())
                .as(error.getMessage())
                .startsWith("Argument '" + String.join(".", field) + "': ")
                .contains(reason);
        assertThat(error.getExtensions().get("field")).isEqualTo(field);
    }

    @Test
    void aRefusedValueNamesItsField() {
        names(
                only(CREATE, selection("periodFrom", "2027-01")),
                List.of("input", "periodFrom"),
                "'2027-01' is not an ISO-8601 date");
        names(
                only(CREATE, selection("purpose", "pusling")),
                List.of("input", "purpose"),
                "'pusling' is not one of PUSLING, GERAKAN_INTERVENSI");
        names(only(CREATE, selection("reason", null)), List.of("input", "reason"), "is required");
        names(
                only(CREATE, selection("kelurahan", "Medono")),
                List.of("input", "kelurahan"),
                "is not a field of CreateTargetSelectionInput");
        names(only(SUBMIT, Map.of("id", "1", "version", "satu")), List.of("input", "version"), "");
        names(only(SUBMIT, Map.of("id", "1")), List.of("input", "version"), "is required");
        Map<String, Object> visit = new LinkedHashMap<>(Map.of(
                "rwCode",
                "33.75.01.1002.RW001",
                "visitDate",
                "2026-12-01",
                "teamName",
                "Tim",
                "teamMembers",
                3,
                "serviceKeys",
                List.of(),
                "peopleServed",
                List.of(Map.of("segment", "BALITA", "people", 3), Map.of("segment", "LANSIA", "people", "lima"))));
        names(only(VISIT, visit), List.of("input", "peopleServed", "1", "people"), "");
    }

    @Test
    void anErrorOfTheDocumentStaysAsItWas() {
        ResponseError error = only("""
                mutation Create($input: CreateTargetSelectionInput!) {
                  createTargetSelection(input: $input) { noSuchField }
                }""", selection("periodFrom", "2027-01"));
        assertThat(error.getMessage()).doesNotStartWith("Argument").contains("noSuchField");
    }
}
