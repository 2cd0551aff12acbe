package dev.coderunner.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.coderunner.build.Manifest;
import dev.coderunner.config.ConfigSnapshot;
import dev.coderunner.config.SecretBox;
import dev.coderunner.config.SecretHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ReleaseStore implements SecretHolder {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final SecretBox box;

    ReleaseStore(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    // The config snapshot holds secrets, so the whole snapshot is stored encrypted.
    private static String context(String app, String env, int version) {
        return "release/" + app + "/" + env + "/" + version;
    }

    void insert(Release r) {
        jdbc.sql("""
                INSERT INTO releases (app, env, version, slug, config_json, manifest_json, description, deployment_id, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.app(), r.env(), r.version(), r.slug(), box.encrypt(JSON.writeValueAsString(r.config()), context(r.app(), r.env(), r.version())), JSON.writeValueAsString(r.manifest()),
                        r.description(), r.deploymentId(), Timestamp.from(r.createdAt()), r.createdBy())
                .update();
    }

    int latestVersion(String app, String env) {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM releases WHERE app = ? AND env = ?").params(app, env)
                .query(Integer.class).single();
    }

    Optional<Release> find(String app, String env, int version) {
        return jdbc.sql("SELECT * FROM releases WHERE app = ? AND env = ? AND version = ?").params(app, env, version)
                .query((rs, n) -> map(rs)).optional();
    }

    /** Newest first, versions below {@code beforeVersion}. */
    List<Release> list(String app, String env, int beforeVersion, int limit) {
        return jdbc.sql("SELECT * FROM releases WHERE app = ? AND env = ? AND version < ? ORDER BY version DESC LIMIT ?")
                .params(app, env, beforeVersion, limit).query((rs, n) -> map(rs)).list();
    }

    /** Slugs still referenced by any release of the app. */
    List<String> slugs(String app) {
        return jdbc.sql("SELECT DISTINCT slug FROM releases WHERE app = ?").param(app).query(String.class).list();
    }

    @Override
    public String name() {
        return "releases";
    }

    @Override
    public Map<Integer, Long> keyUsage() {
        Map<Integer, Long> usage = new HashMap<>();
        jdbc.sql("SELECT config_json FROM releases").query(rs -> {
            usage.merge(SecretBox.keyId(rs.getString(1)), 1L, Long::sum);
        });
        return usage;
    }

    /** Key rotation: the snapshot's ciphertext changes, its content never does (releases stay immutable). */
    @Override
    public int reencrypt(SecretBox with) {
        record Key(String app, String env, int version) {
        }
        int changed = 0;
        for (Key k : jdbc.sql("SELECT app, env, version FROM releases").query((rs, n) -> new Key(rs.getString(1), rs.getString(2), rs.getInt(3))).list()) {
            String old = jdbc.sql("SELECT config_json FROM releases WHERE app = ? AND env = ? AND version = ?").params(k.app(), k.env(), k.version())
                    .query(String.class).optional().orElse(null);
            if (old == null) {
                continue;
            }
            String again = with.reencrypt(old, context(k.app(), k.env(), k.version()));
            if (!again.equals(old)) {
                changed += jdbc.sql("UPDATE releases SET config_json = ? WHERE app = ? AND env = ? AND version = ? AND config_json = ?")
                        .params(again, k.app(), k.env(), k.version(), old).update();
            }
        }
        return changed;
    }

    private Release map(ResultSet rs) throws SQLException {
        String app = rs.getString("app");
        String env = rs.getString("env");
        int version = rs.getInt("version");
        return new Release(app, env, version, rs.getString("slug"),
                JSON.readValue(box.decrypt(rs.getString("config_json"), context(app, env, version)), ConfigSnapshot.class),
                JSON.readValue(rs.getString("manifest_json"), Manifest.class),
                rs.getString("description"), rs.getString("deployment_id"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }
}
