package id.ilpatlas.api.region;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;

/** Parses region-code arguments; a malformed code becomes an error that names the argument. */
public final class RegionArguments {

    private RegionArguments() {}

    public static RegionCode parse(String argument, String value) {
        try {
            return RegionCode.parse(value);
        } catch (InvalidRegionCodeException e) {
            throw new InvalidArgumentException(argument, e.getMessage());
        }
    }
}
