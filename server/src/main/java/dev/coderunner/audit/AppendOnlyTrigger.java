package dev.coderunner.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * The H2 trigger that keeps {@code audit_events} append-only (migration db/vendor/h2/V70; PostgreSQL has its own in plpgsql): the
 * database refuses an update or a delete, whatever code or console asks for it.
 */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_events is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused", "27000");   // SQL class 27: triggered data change violation
    }
}
