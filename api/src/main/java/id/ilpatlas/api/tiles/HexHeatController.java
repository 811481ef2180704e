package id.ilpatlas.api.tiles;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.classify.ClassBreaks;
import java.security.Principal;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code hexHeatLayer}: the legend and totals of the hex heat the tiles draw (one {@link HexHeatLayers} layer). */
@Controller
class HexHeatController {

    private final HexHeatLayers layers;
    private final Callers callers;

    HexHeatController(HexHeatLayers layers, Callers callers) {
        this.layers = layers;
        this.callers = callers;
    }

    @QueryMapping
    HexHeatLayers.Layer hexHeatLayer(
            @Argument String kabkotaCode,
            @Argument HexHeat.Indicator indicator,
            @Argument int year,
            @Argument Integer month,
            @Argument double sizeMeters,
            @Argument HexHeat.Measure measure,
            @Argument ClassBreaks.Method method,
            @Argument int classes,
            Principal principal) {
        Caller caller = callers.of(principal);
        if (sizeMeters != Math.rint(sizeMeters)) {
            throw new InvalidArgumentException("sizeMeters", "must be 1000, 500 or 250, was " + sizeMeters);
        }
        int size = HexHeatLayers.check(caller, indicator, year, month, (int) sizeMeters, measure, classes);
        layers.requireKabkota(kabkotaCode, "kabkotaCode");
        return layers.layer(
                caller, new HexHeatLayers.Request(kabkotaCode, indicator, year, month, size, measure, method, classes));
    }
}
