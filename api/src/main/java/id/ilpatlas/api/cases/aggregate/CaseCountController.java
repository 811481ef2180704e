package id.ilpatlas.api.cases.aggregate;

import id.ilpatlas.api.security.Callers;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code caseCounts} and {@code smallCellThreshold}. */
@Controller
class CaseCountController {

    private final CaseCounts counts;
    private final Callers callers;

    CaseCountController(CaseCounts counts, Callers callers) {
        this.counts = counts;
        this.callers = callers;
    }

    @QueryMapping
    List<CaseCounts.Count> caseCounts(
            @Argument String regionCode,
            @Argument Map<String, Object> period,
            @Argument List<CaseIndicator> indicators,
            Principal principal) {
        return counts.counts(
                callers.of(principal),
                regionCode,
                (Integer) period.get("year"),
                (Integer) period.get("quarter"),
                (Integer) period.get("month"),
                indicators);
    }

    @QueryMapping
    int smallCellThreshold() {
        return counts.threshold();
    }
}
