package id.ilpatlas.api.targeting;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * When each RW was last visited by an outreach team: what target candidates show next to their indicators. Targeting
 * sits below outreach plans and their visits, so it asks through this interface, which the visits feature implements
 * ({@code visits.OutreachVisits}).
 */
public interface LastVisits {

    /** The date of the latest visit of each RW given that has one. */
    Map<String, LocalDate> lastVisitDates(List<String> rwCodes);
}
