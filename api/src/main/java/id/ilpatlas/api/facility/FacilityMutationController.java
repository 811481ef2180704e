package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.Callers;
import java.security.Principal;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** GraphQL writes of the facility registry: one Input, one Payload each; expected failures in {@code errors}. */
@Controller
class FacilityMutationController {

    /** The payload shape shared by every facility mutation. */
    record FacilityPayload(Facility facility, List<UserError> errors) {
        static FacilityPayload of(FacilityCommands.Result result) {
            return new FacilityPayload(result.facility(), result.errors());
        }
    }

    private final FacilityCommands commands;
    private final Callers callers;

    FacilityMutationController(FacilityCommands commands, Callers callers) {
        this.commands = commands;
        this.callers = callers;
    }

    @MutationMapping
    FacilityPayload createFacility(@Argument FacilityInputs.FacilityInput input, Principal principal) {
        return FacilityPayload.of(commands.create(callers.of(principal), input));
    }

    @MutationMapping
    FacilityPayload updateFacility(@Argument FacilityInputs.FacilityInput input, Principal principal) {
        return FacilityPayload.of(commands.update(callers.of(principal), input));
    }

    @MutationMapping
    FacilityPayload deactivateFacility(@Argument FacilityInputs.DeactivateFacilityInput input, Principal principal) {
        return FacilityPayload.of(commands.deactivate(callers.of(principal), input));
    }

    @MutationMapping
    FacilityPayload setFacilityServices(@Argument FacilityInputs.SetFacilityServicesInput input, Principal principal) {
        return FacilityPayload.of(commands.setServices(callers.of(principal), input));
    }

    @MutationMapping
    FacilityPayload setPosyanduSchedule(@Argument FacilityInputs.SetPosyanduScheduleInput input, Principal principal) {
        return FacilityPayload.of(commands.setSchedule(callers.of(principal), input));
    }
}
