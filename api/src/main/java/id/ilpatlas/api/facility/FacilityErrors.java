package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.UserError;
import java.util.List;

/** The typed {@code UserError}s of the facility mutations; each record's simple name is its GraphQL type. */
public final class FacilityErrors {

    private FacilityErrors() {}

    public record InvalidRegionCodeError(String message, List<String> field, String code) implements UserError {}

    public record PointOutsideIndonesiaError(String message, List<String> field) implements UserError {}

    public record SwappedCoordinatesError(
            String message, List<String> field, double suggestedLongitude, double suggestedLatitude)
            implements UserError {}

    public record PointOutsideKelurahanError(
            String message,
            List<String> field,
            String kelurahanCode,
            double distanceMeters,
            String containingKelurahanCode)
            implements UserError {}

    public record UnknownServiceKeyError(String message, List<String> field, String serviceKey) implements UserError {}

    public record DuplicateFacilityCodeError(String message, List<String> field, String code) implements UserError {}

    public record StaleVersionError(String message, List<String> field, int givenVersion, int currentVersion)
            implements UserError {}

    public record FacilityNotFoundError(String message, List<String> field, String id) implements UserError {}

    public record InvalidValueError(String message, List<String> field) implements UserError {}
}
