package id.ilpatlas.api.calendar;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code daysOff}, {@code addDayOff}, {@code removeDayOff}. */
@Controller
class CalendarController {

    /** The payload of {@code addDayOff} and {@code removeDayOff}. */
    record DayOffPayload(DayOff dayOff, List<UserError> errors, List<CalendarDaysOff.AffectedPlan> affectedPlans) {}

    private final CalendarDaysOff calendar;
    private final Callers callers;

    CalendarController(CalendarDaysOff calendar, Callers callers) {
        this.calendar = calendar;
        this.callers = callers;
    }

    /** The days off of a kab/kota in a year, or one month of it (public: the calendar is no secret). */
    @QueryMapping
    List<DayOff> daysOff(@Argument String kabkotaCode, @Argument int year, @Argument Integer month) {
        if (kabkotaCode == null
                || !RegionCode.isValid(kabkotaCode)
                || RegionCode.parse(kabkotaCode).level() != RegionLevel.KABKOTA) {
            throw new InvalidArgumentException("kabkotaCode", "not a kab/kota code (e.g. 33.75): " + kabkotaCode);
        }
        if (year < 2000 || year > 2100) {
            throw new InvalidArgumentException("year", "year must be 2000-2100, got " + year);
        }
        if (month != null && (month < 1 || month > 12)) {
            throw new InvalidArgumentException("month", "month must be 1-12, got " + month);
        }
        LocalDate from = LocalDate.of(year, month == null ? 1 : month, 1);
        LocalDate to = month == null ? LocalDate.of(year, 12, 31) : from.withDayOfMonth(from.lengthOfMonth());
        return calendar.list(RegionCode.parse(kabkotaCode).dotted(), from, to);
    }

    @MutationMapping
    DayOffPayload addDayOff(@Argument CalendarDaysOff.AddDayOffInput input, Principal principal) {
        CalendarDaysOff.Change change = calendar.add(callers.of(principal), input);
        return new DayOffPayload(change.dayOff(), change.errors(), change.affectedPlans());
    }

    @MutationMapping
    DayOffPayload removeDayOff(@Argument CalendarDaysOff.RemoveDayOffInput input, Principal principal) {
        CalendarDaysOff.Change change = calendar.remove(callers.of(principal), input);
        return new DayOffPayload(change.dayOff(), change.errors(), List.of());
    }
}
