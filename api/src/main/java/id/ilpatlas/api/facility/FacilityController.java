package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.Connection;
import id.ilpatlas.api.graphql.PageRequest;
import id.ilpatlas.api.region.Region;
import id.ilpatlas.api.region.RegionRepository;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL entry points for health facilities. */
@Controller
class FacilityController {

    private final FacilityRepository facilities;
    private final RegionRepository regions;

    FacilityController(FacilityRepository facilities, RegionRepository regions) {
        this.facilities = facilities;
        this.regions = regions;
    }

    @QueryMapping
    Connection<Facility> facilities(@Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of("facility", first, after);
        Integer total = env.getSelectionSet().contains("totalCount") ? facilities.count() : null;
        return Connection.of(facilities.findPage(page), page, Facility::id, total);
    }

    @BatchMapping
    Map<Facility, Region> kelurahan(List<Facility> batch) {
        Map<String, Region> byCode = regions.findByCodes(batch.stream().map(Facility::kelurahanCode).distinct().toList())
                .stream().collect(Collectors.toMap(Region::code, Function.identity()));
        Map<Facility, Region> result = new LinkedHashMap<>();
        batch.forEach(facility -> result.put(facility, byCode.get(facility.kelurahanCode())));
        return result;
    }
}
