package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.UserError;
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

    FacilityMutationController(FacilityCommands commands) {
        this.commands = commands;
    }

    @MutationMapping
    FacilityPayload createFacility(@Argument FacilityInputs.CreateFacilityInput input) {
        return FacilityPayload.of(commands.create(input));
    }

    @MutationMapping
    FacilityPayload updateFacility(@Argument FacilityInputs.UpdateFacilityInput input) {
        return FacilityPayload.of(commands.update(input));
    }

    @MutationMapping
    FacilityPayload deactivateFacility(@Argument FacilityInputs.DeactivateFacilityInput input) {
        return FacilityPayload.of(commands.deactivate(input));
    }

    @MutationMapping
    FacilityPayload setFacilityServices(@Argument FacilityInputs.SetFacilityServicesInput input) {
        return FacilityPayload.of(commands.setServices(input));
    }

    @MutationMapping
    FacilityPayload setPosyanduSchedule(@Argument FacilityInputs.SetPosyanduScheduleInput input) {
        return FacilityPayload.of(commands.setSchedule(input));
    }
}
