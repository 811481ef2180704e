package id.ilpatlas.api.security;

/** The caller's role or scope does not allow the operation; reported as a GraphQL FORBIDDEN error. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
