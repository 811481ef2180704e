package id.ilpatlas.api.indicators;

import id.ilpatlas.api.security.Callers;
import java.security.Principal;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code indicatorSeries}: indicators of a region and its children over consecutive calendar periods. */
@Controller
class IndicatorSeriesController {

    private final IndicatorSeries series;
    private final Callers callers;

    IndicatorSeriesController(IndicatorSeries series, Callers callers) {
        this.series = series;
        this.callers = callers;
    }

    @QueryMapping
    IndicatorSeries.Series indicatorSeries(
            @Argument String regionCode,
            @Argument List<RwIndicator> indicators,
            @Argument String from,
            @Argument String to,
            @Argument PeriodGranularity granularity,
            Principal principal) {
        return series.series(callers.of(principal), regionCode, indicators, from, to, granularity);
    }
}
