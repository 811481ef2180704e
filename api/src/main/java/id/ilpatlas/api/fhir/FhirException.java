package id.ilpatlas.api.fhir;

import org.springframework.http.HttpStatus;

/** A FHIR request that fails; answered with an {@code OperationOutcome} by {@link FhirController}. */
abstract sealed class FhirException extends RuntimeException {

    private FhirException(String message) {
        super(message);
    }

    abstract HttpStatus status();

    /** FHIR issue-type code of the OperationOutcome. */
    abstract String issueCode();

    /** No resource with the requested id. */
    static final class NotFound extends FhirException {
        NotFound(String message) {
            super(message);
        }

        @Override
        HttpStatus status() {
            return HttpStatus.NOT_FOUND;
        }

        @Override
        String issueCode() {
            return "not-found";
        }
    }

    /** A search parameter the server cannot use. */
    static final class BadRequest extends FhirException {
        BadRequest(String message) {
            super(message);
        }

        @Override
        HttpStatus status() {
            return HttpStatus.BAD_REQUEST;
        }

        @Override
        String issueCode() {
            return "invalid";
        }
    }
}
