package id.ilpatlas.api.graphql;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure caused by the database being away (restarting, unreachable, refusing connections, the pool unable
 * to get a connection in time) from any other: those are answered with a clear, retryable error, the same in
 * GraphQL ({@code extensions.code = DATABASE_UNAVAILABLE}) and REST (503 with {@code Retry-After}).
 */
public final class DatabaseUnavailable {

    /** What a client is told. */
    public static final String MESSAGE = "The database is unavailable; try again shortly";
    /** The stable code of the GraphQL error's extensions and of the REST body. */
    public static final String CODE = "DATABASE_UNAVAILABLE";
    /** Seconds a client should wait before retrying (REST {@code Retry-After}). */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {}

    /** Whether {@code failure} or one of its causes says the database could not be reached or went away. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty()) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
            // A rollback that failed on the dead connection hides the failure that caused it here.
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null) {
                next.add(tx.getApplicationException());
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
        }
        return false;
    }

    /**
     * SQLSTATEs of a server that is away: class 08 (connection exception), 57P01-57P03 (admin or crash shutdown,
     * cannot connect now: starting up or shutting down), 53300 (too many connections).
     */
    static boolean unavailableState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03")
                        || state.equals("53300"));
    }

    /** The REST body: {@code {"error": MESSAGE, "code": CODE}}. */
    public static Map<String, Object> body() {
        return Map.of("error", MESSAGE, "code", CODE);
    }
}
