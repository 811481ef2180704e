package id.ilpatlas.api.graphql;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring for GraphQL's schema inspection report (schema fields without a data fetcher, controller mappings
 * without a schema field), so a test can fail the build on an unmapped field instead of a log line nobody reads.
 */
@Component
public class SchemaMappingReport implements GraphQlSourceBuilderCustomizer {

    private static final Logger log = LoggerFactory.getLogger(SchemaMappingReport.class);

    private final AtomicReference<SchemaReport> report = new AtomicReference<>();

    @Override
    public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
        builder.inspectSchemaMappings(schemaReport -> {
            report.set(schemaReport);
            if (!schemaReport.unmappedFields().isEmpty()) {
                log.warn("{}", schemaReport);
            }
        });
    }

    /** The report of the schema this application serves; null before the schema is built. */
    public SchemaReport report() {
        return report.get();
    }
}
