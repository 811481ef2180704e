package id.ilpatlas.api.outreach;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.region.RegionCode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The area and month of an outreach read ({@code outreachRealisation}, {@code outreachSchedule}): a region at the
 * kota level or inside one, which must overlap the caller's scope, and a month {@code yyyy-MM}.
 *
 * @param regionCode the region, dotted
 * @param kabkotaCode its kab/kota
 * @param month the month
 */
public record AreaMonth(String regionCode, String kabkotaCode, YearMonth month) {

    /**
     * Parses and checks the arguments: BAD_REQUEST naming {@code regionCode} or {@code month} when malformed,
     * FORBIDDEN when the region lies wholly outside the caller's scope.
     */
    public static AreaMonth of(Caller caller, String regionCode, String month) {
        if (regionCode == null || !RegionCode.isValid(regionCode)) {
            throw new InvalidArgumentException("regionCode", "not a region code: " + regionCode);
        }
        RegionCode region = RegionCode.parse(regionCode);
        String kabkota = region.kabkotaCode()
                .orElseThrow(() -> new InvalidArgumentException(
                        "regionCode", "give a kota/kabupaten or a region inside one, not " + region.dotted()));
        String code = region.dotted();
        if (!caller.covers(code) && caller.scope().stream().noneMatch(s -> s.startsWith(code + "."))) {
            throw new AccessDeniedException("region " + code + " is outside your scope");
        }
        return new AreaMonth(code, kabkota, month(month, "month"));
    }

    /** A month {@code yyyy-MM}; a BAD_REQUEST naming the argument otherwise. */
    public static YearMonth month(String text, String argument) {
        try {
            return YearMonth.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException(argument, "not a month yyyy-MM: " + text);
        }
    }
}
