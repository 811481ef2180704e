package id.ilpatlas.api.security;

import java.util.List;

/**
 * Who an audit entry names: an interactive {@link Caller}, or a non-interactive actor such as a command-line import
 * ({@link #system}), recorded with the role {@code SYSTEM} and no scope.
 */
public interface Actor {

    /** The label the audit log records, e.g. the user name or {@code cli:<os user>}. */
    String actor();

    /** The role the audit log records: a {@link Role} name or {@code SYSTEM}. */
    String auditRole();

    /** The region codes the actor acted within (empty for a system actor). */
    List<String> scope();

    /** A non-interactive actor: the command-line imports. */
    static Actor system(String name) {
        return new SystemActor(name);
    }

    /** See {@link Actor#system}. */
    record SystemActor(String actor) implements Actor {

        @Override
        public String auditRole() {
            return "SYSTEM";
        }

        @Override
        public List<String> scope() {
            return List.of();
        }
    }
}
