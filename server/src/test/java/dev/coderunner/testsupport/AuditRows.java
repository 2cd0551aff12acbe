package dev.coderunner.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks, on whichever database {@code jdbc} talks to, that audit rows cannot be changed or removed. */
public final class AuditRows {

    /** The statements every database must refuse. */
    public static final String UPDATE = "UPDATE audit_events SET actor = 'someone-else'";
    public static final String DELETE = "DELETE FROM audit_events";

    private AuditRows() {
    }

    /** Each statement (UPDATE, DELETE, …) must be refused as append-only, and the rows must be as they were. */
    public static void assertAppendOnly(JdbcClient jdbc, String... statements) {
        long rows = count(jdbc, "SELECT COUNT(*) FROM audit_events");
        assertThat(rows).as("audit rows to protect").isPositive();
        for (String statement : statements) {
            assertThatThrownBy(() -> jdbc.sql(statement).update()).as(statement).rootCause().hasMessageContaining("append-only");
        }
        assertThat(count(jdbc, "SELECT COUNT(*) FROM audit_events")).isEqualTo(rows);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM audit_events WHERE actor = 'someone-else'")).isZero();
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
