package id.ilpatlas.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import id.ilpatlas.api.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/** Cheap structural checks of the served schema (HABITS.md #10, #11). */
class SchemaContractTest extends IntegrationTest {

    @Autowired
    SchemaMappingReport mappingReport;

    @Autowired
    GraphQlSource graphQlSource;

    @Test
    void everySchemaFieldHasADataFetcherAndEveryMappingAField() {
        assertThat(mappingReport.report()).isNotNull();
        assertThat(mappingReport.report().unmappedFields())
                .as("schema fields without a data fetcher")
                .isEmpty();
        assertThat(mappingReport.report().unmappedRegistrations())
                .as("controller mappings without a field")
                .isEmpty();
    }

    @Test
    void everyTypeAndFieldIsDescribedAndUnitsAreFloats() {
        GraphQLSchema schema = graphQlSource.schema();
        List<String> problems = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type.getName().startsWith("__")
                    || List.of("String", "Int", "Float", "Boolean", "ID").contains(type.getName())) {
                continue;
            }
            if (type.getDescription() == null || type.getDescription().isBlank()) {
                problems.add("type " + type.getName() + " has no description");
            }
            if (type instanceof GraphQLObjectType object) {
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    if (field.getDescription() == null || field.getDescription().isBlank()) {
                        problems.add(type.getName() + "." + field.getName() + " has no description");
                    }
                    String unwrapped =
                            GraphQLTypeUtil.unwrapAll(field.getType()).getName();
                    if ((field.getName().endsWith("Meters") || field.getName().endsWith("Seconds"))
                            && !unwrapped.equals("Float")) {
                        problems.add(type.getName() + "." + field.getName() + " carries a unit but is " + unwrapped);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
