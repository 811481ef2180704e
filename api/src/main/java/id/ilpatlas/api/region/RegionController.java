package id.ilpatlas.api.region;

import graphql.schema.DataFetchingEnvironment;
import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.GeoJson;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** GraphQL entry points for administrative regions. */
@Controller
class RegionController {

    static final double MAX_SIMPLIFY_METERS = 100_000;

    private final RegionRepository regions;

    RegionController(RegionRepository regions) {
        this.regions = regions;
    }

    @QueryMapping
    Region region(@Argument String code) {
        return regions.findByCode(RegionArguments.parse("code", code).dotted()).orElse(null);
    }

    @QueryMapping
    Connection<Region> regions(
            @Argument RegionLevel level,
            @Argument String within,
            @Argument Boolean withoutPosyandu,
            @Argument Integer first,
            @Argument String after,
            DataFetchingEnvironment env) {
        boolean unserved = Boolean.TRUE.equals(withoutPosyandu);
        PageRequest page = PageRequest.of("region", first, after);
        String withinCode = null;
        if (within != null) {
            RegionCode ancestor = RegionArguments.parse("within", within);
            if (ancestor.level().compareTo(level) >= 0) {
                throw new InvalidArgumentException(
                        "within",
                        "a " + ancestor.level() + " (" + ancestor + ") cannot contain regions of level " + level
                                + ": pass a region above " + level);
            }
            if (regions.findByCode(ancestor.dotted()).isEmpty()) {
                throw new InvalidArgumentException("within", "no region has code " + ancestor);
            }
            withinCode = ancestor.dotted();
        }
        List<Region> rows = regions.findPage(level, withinCode, unserved, page);
        Integer total =
                env.getSelectionSet().contains("totalCount") ? regions.count(level, withinCode, unserved) : null;
        return Connection.of(rows, page, Region::code, total);
    }

    @BatchMapping
    Map<Region, Region> parent(List<Region> children) {
        Map<String, Region> parents = regions
                .findByCodes(children.stream()
                        .map(Region::parentCode)
                        .filter(code -> code != null)
                        .distinct()
                        .toList())
                .stream()
                .collect(Collectors.toMap(Region::code, Function.identity()));
        Map<Region, Region> result = new LinkedHashMap<>();
        for (Region child : children) {
            if (child.parentCode() != null && parents.containsKey(child.parentCode())) {
                result.put(child, parents.get(child.parentCode()));
            }
        }
        return result;
    }

    @BatchMapping
    Map<Region, List<Region>> children(List<Region> parents) {
        Map<String, List<Region>> byParent = regions
                .findChildren(parents.stream().map(Region::code).toList())
                .stream()
                .collect(Collectors.groupingBy(Region::parentCode));
        Map<Region, List<Region>> result = new LinkedHashMap<>();
        for (Region parent : parents) {
            result.put(parent, byParent.getOrDefault(parent.code(), List.of()));
        }
        return result;
    }

    @BatchMapping
    Map<Region, GeoJson> labelPoint(List<Region> batch) {
        Map<String, GeoJson> points =
                regions.labelPoints(batch.stream().map(Region::code).distinct().toList());
        Map<Region, GeoJson> result = new LinkedHashMap<>();
        batch.forEach(region -> {
            if (points.containsKey(region.code())) {
                result.put(region, points.get(region.code()));
            }
        });
        return result;
    }

    @BatchMapping
    Map<Region, Double> areaSquareMeters(List<Region> batch) {
        Map<String, Double> areas =
                regions.areas(batch.stream().map(Region::code).distinct().toList());
        Map<Region, Double> result = new LinkedHashMap<>();
        batch.forEach(region -> {
            if (areas.containsKey(region.code())) {
                result.put(region, areas.get(region.code()));
            }
        });
        return result;
    }

    @SchemaMapping
    CompletableFuture<GeoJson> geometry(Region region, @Argument Double simplifyMeters, DataFetchingEnvironment env) {
        double toleranceMeters = simplifyMeters == null ? 0 : simplifyMeters;
        if (!(toleranceMeters >= 0 && toleranceMeters <= MAX_SIMPLIFY_METERS)) {
            throw new InvalidArgumentException(
                    "simplifyMeters",
                    "must be between 0 and " + (long) MAX_SIMPLIFY_METERS + " metres, was " + simplifyMeters);
        }
        DataLoader<GeometryRequest, GeoJson> loader = env.getDataLoader(RegionGeometryLoader.NAME);
        return loader.load(new GeometryRequest(region.code(), toleranceMeters));
    }
}
