package id.ilpatlas.api.outreach.schedule;

import id.ilpatlas.api.outreach.OutreachPlan;
import id.ilpatlas.api.security.Callers;
import java.security.Principal;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code outreachSchedule} and the jadwal paths of a plan ({@code schedule.graphqls}). */
@Controller
class ScheduleController {

    private final OutreachSchedule schedule;
    private final Callers callers;

    ScheduleController(OutreachSchedule schedule, Callers callers) {
        this.schedule = schedule;
        this.callers = callers;
    }

    @QueryMapping
    OutreachSchedule.Schedule outreachSchedule(
            @Argument String regionCode, @Argument String month, Principal principal) {
        return schedule.ofMonth(callers.of(principal), regionCode, month);
    }

    @SchemaMapping(typeName = "OutreachPlan")
    String jadwalHtmlPath(OutreachPlan plan) {
        return JadwalDocuments.path(plan.id(), "html");
    }

    @SchemaMapping(typeName = "OutreachPlan")
    String jadwalPdfPath(OutreachPlan plan) {
        return JadwalDocuments.path(plan.id(), "pdf");
    }

    @SchemaMapping(typeName = "OutreachPlan")
    String jadwalCsvPath(OutreachPlan plan) {
        return JadwalDocuments.path(plan.id(), "csv");
    }
}
