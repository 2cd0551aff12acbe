package dev.coderunner.logs;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code log_drains} table. */
@Component
class DrainStore {

    private static final RowMapper<LogDrain> ROW = (rs, n) -> new LogDrain(rs.getString("id"), rs.getString("app"), rs.getString("env"),
            rs.getString("url"), rs.getLong("sent_cursor"), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    DrainStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(LogDrain d) {
        jdbc.sql("INSERT INTO log_drains (id, app, env, url, sent_cursor, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.app(), d.env(), d.url(), d.sentCursor(), Timestamp.from(d.createdAt())).update();
    }

    List<LogDrain> all() {
        return jdbc.sql("SELECT * FROM log_drains ORDER BY created_at").query(ROW).list();
    }

    List<LogDrain> of(String app, String env) {
        return jdbc.sql("SELECT * FROM log_drains WHERE app = ? AND env = ? ORDER BY created_at").params(app, env).query(ROW).list();
    }

    boolean delete(String app, String env, String id) {
        return jdbc.sql("DELETE FROM log_drains WHERE id = ? AND app = ? AND env = ?").params(id, app, env).update() > 0;
    }

    void sent(String id, long cursor) {
        jdbc.sql("UPDATE log_drains SET sent_cursor = ? WHERE id = ? AND sent_cursor < ?").params(cursor, id, cursor).update();
    }
}
