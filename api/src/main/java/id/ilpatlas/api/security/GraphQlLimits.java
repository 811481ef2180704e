package id.ilpatlas.api.security;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Limits on what one GraphQL request may ask: selection depth, static complexity (number of fields), aliases and
 * operations per document. Each is an instrumentation that aborts the request with a clear error before any data
 * is fetched. Values from {@code atlas.graphql.limits.*}.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    /**
     * {@code atlas.graphql.limits.*}.
     *
     * @param maxDepth      deepest selection nesting
     * @param maxComplexity most fields in one operation (each field counts one, nested ones too)
     * @param maxAliases    most aliased fields in one document
     * @param maxOperations most operation definitions in one document
     */
    @ConfigurationProperties("atlas.graphql.limits")
    record Properties(int maxDepth, int maxComplexity, int maxAliases, int maxOperations) {
    }

    @Bean
    Instrumentation maxQueryDepth(Properties limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    @Bean
    Instrumentation maxQueryComplexity(Properties limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity());
    }

    @Bean
    Instrumentation aliasAndOperationLimit(Properties limits) {
        return new SimplePerformantInstrumentation() {
            @Override
            public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
                                                                       InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
                Document document = documentAndVariables.getDocument();
                long operations = document.getDefinitions().stream().filter(OperationDefinition.class::isInstance).count();
                if (operations > limits.maxOperations()) {
                    throw new AbortExecutionException("The document has " + operations + " operations; at most "
                            + limits.maxOperations() + " are allowed per request");
                }
                int aliases = countAliases(document);
                if (aliases > limits.maxAliases()) {
                    throw new AbortExecutionException("The document uses " + aliases + " aliases; at most "
                            + limits.maxAliases() + " are allowed per request");
                }
                return documentAndVariables;
            }
        };
    }

    private static int countAliases(Node<?> node) {
        int count = node instanceof Field field && field.getAlias() != null ? 1 : 0;
        for (Node<?> child : node.getChildren()) {
            count += countAliases(child);
        }
        return count;
    }
}
