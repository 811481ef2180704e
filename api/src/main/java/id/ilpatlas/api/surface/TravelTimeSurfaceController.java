package id.ilpatlas.api.surface;

import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.region.Region;
import id.ilpatlas.api.road.TravelMode;
import java.util.List;
import java.util.Locale;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL {@code travelTimeSurface}: the figures of a surface, its legend and where to get the raster. Public. */
@Controller
class TravelTimeSurfaceController {

    /** GraphQL {@code TravelTimeSurface}. */
    record View(
            Region kabkota,
            RwAccessService.Target to,
            TravelMode mode,
            String crs,
            Extent extent,
            double cellMeters,
            int columns,
            int rows,
            long cellCount,
            int valueCellCount,
            int roadCellCount,
            int estimateCellCount,
            long noDataCellCount,
            List<NoDataCount> noData,
            double noDataValue,
            List<TravelTimeSurface.LegendClass> legend,
            String downloadUrl,
            String tileUrlTemplate,
            long population,
            long populationWithoutValue,
            long rwPopulationUnassigned,
            List<Population> populationWithin,
            double computeSeconds,
            List<AccessWarning> warnings) {}

    /** GraphQL {@code GridExtent}. */
    record Extent(
            double minEastingMeters, double minNorthingMeters, double maxEastingMeters, double maxNorthingMeters) {}

    /** GraphQL {@code TravelTimeNoDataCount}. */
    record NoDataCount(TravelTimeSurface.NoData reason, int cellCount) {}

    /** GraphQL {@code TravelTimePopulation}. */
    record Population(double withinMinutes, long surfacePopulation, long rwPopulation, long differencePopulation) {}

    private final TravelTimeSurfaces surfaces;

    TravelTimeSurfaceController(TravelTimeSurfaces surfaces) {
        this.surfaces = surfaces;
    }

    @QueryMapping
    View travelTimeSurface(
            @Argument String kabkotaCode,
            @Argument RwAccessService.Target to,
            @Argument TravelMode mode,
            @Argument Double cellMeters) {
        TravelTimeSurface s = surfaces.surface(
                kabkotaCode,
                to == null ? RwAccessService.Target.RESPONSIBLE_PUSKESMAS : to,
                mode == null ? TravelMode.DEFAULT : mode,
                cellMeters == null ? 50 : cellMeters);
        SurfaceGrid g = s.grid();
        TravelTimeSurfaces.RwPopulation rw = surfaces.rwPopulation(s);
        String query = String.format(
                Locale.ROOT,
                "?to=%s&mode=%s&cellMeters=%s",
                s.target(),
                s.mode(),
                TravelTimeSurfaces.fmt(g.cellMeters()));
        return new View(
                surfaces.kabkota(s),
                s.target(),
                s.mode(),
                g.crs(),
                new Extent(g.minX(), g.minY(), g.maxX(), g.maxY()),
                g.cellMeters(),
                g.columns(),
                g.rows(),
                g.cellCount(),
                s.valueCellCount(),
                s.roadCellCount(),
                s.estimateCellCount(),
                g.cellCount() - s.valueCellCount(),
                s.noDataCellCounts().entrySet().stream()
                        .map(e -> new NoDataCount(e.getKey(), e.getValue()))
                        .toList(),
                TravelTimeSurface.NO_DATA,
                TravelTimeSurface.LEGEND,
                "/exports/travel-time/" + s.kabkotaCode() + ".tif" + query,
                "/tiles/travel-time/" + s.kabkotaCode() + "/{z}/{x}/{y}.png" + query,
                rw.population(),
                Math.round(s.populationWithoutValue()),
                rw.unassignedPopulation(),
                rw.within().stream()
                        .map(p -> new Population(
                                p.withinMinutes(), p.surfacePopulation(), p.rwPopulation(), p.differencePopulation()))
                        .toList(),
                s.computeSeconds(),
                surfaces.warnings(s));
    }
}
