package id.ilpatlas.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.graphql.DatabaseUnavailable;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures count as "the database is away" ({@link DatabaseUnavailable}), without a database. */
class DatabaseUnavailableFaultTest {

    @Test
    void theDatabaseBeingAwayIsRecognisedWhereverItIsWrapped() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException(
                        "no connection", new SQLTransientConnectionException("pool - Connection is not available"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("no connection")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("staging a batch failed", io)))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new UncategorizedSQLException(
                        "x",
                        "SELECT 1",
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new ConnectException("Connection refused"))))
                .isTrue();
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("staging a batch failed", io));
        assertThat(DatabaseUnavailable.causedBy(rollback))
                .as("the failure behind a failed rollback")
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new UncategorizedSQLException(
                        "x", "SELECT 1", new SQLException("canceling statement due to statement timeout", "57014"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(null)).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isFalse();
    }
}
