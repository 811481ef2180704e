package id.ilpatlas.api.fhir;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * FHIR R4 export of the facility registry, for exchange with SATUSEHAT.
 *
 * <ul>
 *   <li>{@code GET /fhir/Organization} and {@code GET /fhir/Location}: a searchset Bundle with one resource per
 *       active facility, by code. Parameters: {@code _include-inactive=true} adds the inactive ones
 *       ({@code active: false}, {@code status: inactive}); {@code type=PUSKESMAS} (our facility type);
 *       {@code address-city=3375} (kab/kota code, dotted or undotted).</li>
 *   <li>{@code GET /fhir/Organization/{id}}, {@code GET /fhir/Location/{id}}: one facility by code, active or not;
 *       404 with an OperationOutcome when unknown.</li>
 * </ul>
 *
 * Every response is {@code application/fhir+json}, errors included (an OperationOutcome, 400 or 404).
 */
@RestController
@RequestMapping("/fhir")
class FhirController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final FhirFacilityRepository facilities;

    FhirController(FhirFacilityRepository facilities) {
        this.facilities = facilities;
    }

    @GetMapping("/Organization")
    ResponseEntity<Map<String, Object>> organizations(
            @RequestParam(name = "_include-inactive", defaultValue = "false") boolean includeInactive,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "address-city", required = false) String addressCity) {
        FhirSearch search = FhirSearch.of(includeInactive, type, addressCity);
        return fhir(
                HttpStatus.OK,
                bundle(facilities.find(search).stream()
                        .map(FhirResources::organization)
                        .toList()));
    }

    @GetMapping("/Organization/{id}")
    ResponseEntity<Map<String, Object>> organization(@PathVariable String id) {
        return fhir(HttpStatus.OK, FhirResources.organization(one(id)));
    }

    @GetMapping("/Location")
    ResponseEntity<Map<String, Object>> locations(
            @RequestParam(name = "_include-inactive", defaultValue = "false") boolean includeInactive,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "address-city", required = false) String addressCity) {
        FhirSearch search = FhirSearch.of(includeInactive, type, addressCity);
        return fhir(HttpStatus.OK, bundle(locations(search, facilities.find(search))));
    }

    @GetMapping("/Location/{id}")
    ResponseEntity<Map<String, Object>> location(@PathVariable String id) {
        FhirSearch search = FhirSearch.read(id);
        List<FhirFacility> found = facilities.find(search);
        if (found.isEmpty()) {
            throw notFound(id);
        }
        return fhir(HttpStatus.OK, locations(search, found).get(0));
    }

    @ExceptionHandler(FhirException.class)
    ResponseEntity<Map<String, Object>> failed(FhirException e) {
        return fhir(e.status(), FhirResources.operationOutcome(e.issueCode(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        return fhir(
                HttpStatus.BAD_REQUEST,
                FhirResources.operationOutcome(
                        "invalid",
                        "Search parameter '" + e.getName() + "': cannot use '" + e.getValue() + "'"
                                + (e.getRequiredType() == boolean.class ? "; expected true or false" : "")));
    }

    private FhirFacility one(String code) {
        return facilities.find(FhirSearch.read(code)).stream().findFirst().orElseThrow(() -> notFound(code));
    }

    private static FhirException notFound(String code) {
        return new FhirException.NotFound("No facility with code " + code);
    }

    /** Location resources with their opening hours, fetched for all of {@code found} in one query. */
    private List<Map<String, Object>> locations(FhirSearch search, List<FhirFacility> found) {
        Map<Long, List<FhirOpeningHours>> hours = found.isEmpty()
                ? Map.of()
                : facilities.openingHours(search).stream().collect(Collectors.groupingBy(FhirOpeningHours::facilityId));
        return found.stream()
                .map(facility -> FhirResources.location(facility, hours.getOrDefault(facility.id(), List.of())))
                .toList();
    }

    private static Map<String, Object> bundle(List<Map<String, Object>> resources) {
        String self = ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString();
        String base = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/fhir")
                .build()
                .toUriString();
        return FhirResources.searchset(self, base, resources);
    }

    private static ResponseEntity<Map<String, Object>> fhir(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(body);
    }
}
