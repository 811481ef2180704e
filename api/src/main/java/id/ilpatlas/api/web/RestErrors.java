package id.ilpatlas.api.web;

import id.ilpatlas.api.graphql.DatabaseUnavailable;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.AccessDeniedException;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The REST endpoints' expected failures, in one place: a bad argument is a 400 and a refused caller a 403, each with
 * {@code {"error": "..."}} naming the argument or the rule; the database being away is a 503 with {@code Retry-After}
 * ({@link DatabaseUnavailable}). (GraphQL has its own error classification.)
 */
@RestControllerAdvice(annotations = RestController.class)
class RestErrors {

    @ExceptionHandler(InvalidArgumentException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }

    /** The database is away (restart, network): 503, retry shortly. Any other data access failure stays a 500. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Map<String, Object>> database(RuntimeException e) {
        if (!DatabaseUnavailable.causedBy(e)) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(DatabaseUnavailable.body());
    }
}
