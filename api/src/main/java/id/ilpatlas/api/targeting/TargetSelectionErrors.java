package id.ilpatlas.api.targeting;

import id.ilpatlas.api.graphql.UserError;
import java.util.List;

/** The typed {@code UserError}s of the target-selection mutations; each record's simple name is its GraphQL type. */
public final class TargetSelectionErrors {

    private TargetSelectionErrors() {}

    public record TargetSelectionNotFoundError(String message, List<String> field, String id) implements UserError {}

    public record InvalidTransitionError(String message, List<String> field, String currentState, String requestedState)
            implements UserError {}

    public record TargetSelectionConflictError(
            String message, List<String> field, List<TargetSelection.Conflict> conflicts) implements UserError {}

    /**
     * A reviewer asked to decide on a selection it proposed itself (the same user, or the puskesmas that proposed it).
     *
     * @param createdBy the proposer
     * @param createdRole the proposer's role
     */
    public record SelfReviewError(String message, List<String> field, String createdBy, String createdRole)
            implements UserError {}
}
