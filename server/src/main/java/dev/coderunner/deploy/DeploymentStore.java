package dev.coderunner.deploy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeploymentStore {

    private final JdbcClient jdbc;

    DeploymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Deployment d) {
        jdbc.sql("""
                INSERT INTO deployments (id, app, env, kind, status, release_version, source_release, reason, idempotency_key,
                                         created_at, updated_at, finished_at, created_by, strategy, phase_times)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.id(), d.app(), d.env(), d.kind(), d.phase().wire(), d.release(), d.sourceRelease(), d.reason(), d.idempotencyKey(),
                        ts(d.createdAt()), ts(d.updatedAt()), ts(d.finishedAt()), d.createdBy(), d.strategy(), phases(d))
                .update();
    }

    void update(Deployment d) {
        jdbc.sql("UPDATE deployments SET status = ?, release_version = ?, reason = ?, updated_at = ?, finished_at = ?, phase_times = ? WHERE id = ?")
                .params(d.phase().wire(), d.release(), d.reason(), ts(d.updatedAt()), ts(d.finishedAt()), phases(d), d.id()).update();
    }

    Optional<Deployment> find(String id) {
        return jdbc.sql("SELECT * FROM deployments WHERE id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    Optional<Deployment> findByIdempotencyKey(String app, String env, String key) {
        return jdbc.sql("SELECT * FROM deployments WHERE app = ? AND env = ? AND idempotency_key = ?").params(app, env, key)
                .query((rs, n) -> map(rs)).optional();
    }

    /** Newest first; {@code before} is the cursor (a creation time) or null. */
    List<Deployment> list(String app, String env, Instant before, int limit) {
        return jdbc.sql("SELECT * FROM deployments WHERE app = ? AND env = ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(app, env, ts(before == null ? Instant.parse("9999-01-01T00:00:00Z") : before), limit)
                .query((rs, n) -> map(rs)).list();
    }

    Optional<Deployment> latest(String app, String env) {
        return list(app, env, null, 1).stream().findFirst();
    }

    List<Deployment> unfinished() {
        return jdbc.sql("SELECT * FROM deployments WHERE finished_at IS NULL ORDER BY created_at").query((rs, n) -> map(rs)).list();
    }

    private static Deployment map(ResultSet rs) throws SQLException {
        int release = rs.getInt("release_version");
        Integer releaseOrNull = rs.wasNull() ? null : release;
        int source = rs.getInt("source_release");
        Integer sourceOrNull = rs.wasNull() ? null : source;
        return new Deployment(rs.getString("id"), rs.getString("app"), rs.getString("env"), rs.getString("kind"),
                DeploymentPhase.fromWire(rs.getString("status")), releaseOrNull, sourceOrNull, rs.getString("reason"),
                rs.getString("idempotency_key"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("finished_at")), rs.getString("created_by"), rs.getString("strategy"), phases(rs.getString("phase_times")));
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private static String phases(Deployment d) {
        return JSON.writeValueAsString(d.phases() == null ? List.of() : d.phases());
    }

    private static List<Deployment.PhaseTime> phases(String json) {
        return json == null ? List.of() : List.of(JSON.readValue(json, Deployment.PhaseTime[].class));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
