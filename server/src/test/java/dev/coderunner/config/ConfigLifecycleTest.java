package dev.coderunner.config;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.coderunner.auth.AccessTokens;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.User;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Config end to end: values reach the process, changes roll out as releases and roll back, only ciphertext
 * is stored, reveals and exports are guarded and audited, import preview matches import, promotion.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigLifecycleTest extends ControlPlaneTest {

    private static final String APP = "cfg";
    private static final String CONFIG = "/api/v1/apps/" + APP + "/envs/production/config";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens accessTokens;

    @Test
    @Order(1)
    void valuesAndInheritedDefaultsReachTheProcessEnvironment() {
        assertThat(api.post("/api/v1/apps", Map.of("name", APP)).status()).isEqualTo(201);
        assertThat(api.patch("/api/v1/apps/" + APP + "/config", Map.of("vars", Map.of("SHARED", "from-defaults", "GREETING", "default")))
                .status()).isEqualTo(200);
        Api.Answer set = api.patch(CONFIG, Map.of("vars", Map.of("GREETING", "hi"), "secrets", Map.of("API_KEY", "s3cret-one")));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).doesNotContain("s3cret-one");
        assertThat(set.json().get("inherited").toString()).contains("SHARED");

        String id = deploy(APP, EnvEchoApp.archive());
        assertThat(awaitDeployment(id).get("status").asString()).as(deploymentLog(id)).isEqualTo("succeeded");

        assertThat(env("GREETING")).isEqualTo("hi");
        assertThat(env("API_KEY")).isEqualTo("s3cret-one");
        assertThat(env("SHARED")).isEqualTo("from-defaults");
        assertThat(deploymentLog(id)).doesNotContain("s3cret-one");
    }

    @Test
    @Order(2)
    void oneChangeOfSeveralNamesIsOneReleaseLiveWithinFiveSecondsAndRollbackRestoresIt() {
        Instant start = Instant.now();
        Api.Answer patched = api.patch(CONFIG, Map.of("vars", Map.of("GREETING", "hola"), "secrets", Map.of("API_KEY", "s3cret-two")));
        assertThat(patched.json().get("release").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> env("GREETING").equals("hola"));
        System.out.println("config change live after " + Duration.between(start, Instant.now()).toMillis() + " ms");
        assertThat(env("API_KEY")).isEqualTo("s3cret-two");
        awaitDeployment(patched.json().get("deployment").get("id").asString());

        Api.Answer rollback = api.post("/api/v1/apps/" + APP + "/envs/production/rollback", Map.of("release", 1));
        assertThat(awaitDeployment(rollback.json().get("id").asString()).get("status").asString()).isEqualTo("succeeded");
        assertThat(env("GREETING")).isEqualTo("hi");
        assertThat(env("API_KEY")).isEqualTo("s3cret-one");
    }

    @Test
    @Order(3)
    void theDatabaseHoldsOnlyCiphertext() {
        List<String> secrets = jdbc.sql("SELECT content FROM config_vars WHERE secret = TRUE").query(String.class).list();
        assertThat(secrets).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("tink:").doesNotContain("s3cret"));
        List<String> snapshots = jdbc.sql("SELECT config_json FROM releases WHERE app = ?").param(APP).query(String.class).list();
        assertThat(snapshots).hasSize(3).allSatisfy(c -> assertThat(c).startsWith("tink:").doesNotContain("s3cret").doesNotContain("GREETING"));
    }

    @Test
    @Order(4)
    void aViewerAndAReadTokenCannotRevealButAnAdminCanAndIsAudited() {
        String viewerId = "usr_viewer_" + System.nanoTime();
        jdbc.sql("INSERT INTO users (id, username, password_hash, role, active, created_at) VALUES (?, ?, 'x', 'VIEWER', TRUE, CURRENT_TIMESTAMP)")
                .params(viewerId, "viewer-" + viewerId).update();
        Api viewer = new Api(port).withToken(accessTokens.issue(new User(viewerId, "viewer-" + viewerId, Role.VIEWER, true, Instant.now())).token());
        assertThat(api.put("/api/v1/apps/" + APP + "/members/viewer-" + viewerId, Map.of("role", "viewer")).status()).isEqualTo(200);
        String readToken = api.post("/api/v1/auth/tokens", Map.of("name", "ro", "scope", "read")).json().get("token").asString();
        Api reader = new Api(port).withToken(readToken);

        for (Api denied : List.of(viewer, reader)) {
            Api.Answer masked = denied.get(CONFIG);
            assertThat(masked.status()).isEqualTo(200);
            assertThat(masked.body()).doesNotContain("s3cret");
            Api.Answer reveal = denied.get(CONFIG + "?reveal=true");
            assertThat(reveal.status()).isEqualTo(403);
            assertThat(reveal.json().get("type").asString()).isEqualTo("secret-reveal-forbidden");
            assertThat(denied.get(CONFIG + "/export?reveal=true").status()).isEqualTo(403);
        }
        assertThat(viewer.get("/api/v1/audit").status()).isEqualTo(403);

        Api.Answer revealed = api.get(CONFIG + "?reveal=true");
        assertThat(revealed.json().get("secrets").get("API_KEY").asString()).isEqualTo("s3cret-one");
        Api.Answer exported = api.get(CONFIG + "/export?format=env&reveal=true");
        assertThat(exported.body()).contains("# coderunner:secret\nAPI_KEY=s3cret-one");

        JsonNode audit = api.get("/api/v1/audit?target=" + APP + "/production&action=config.").json().get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(e -> actions.add(e.get("action").asString()));
        assertThat(actions).startsWith("config.export", "config.reveal");
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("admin");
        assertThat(audit.get(0).get("ip").asString()).isNotBlank();
        assertThat(audit.get(1).get("detail").get("names").toString()).contains("API_KEY");
        assertThat(audit.toString()).doesNotContain("s3cret");
        Api.Answer page = api.get("/api/v1/audit?limit=1");
        assertThat(page.json().get("items").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/audit?limit=1&cursor=" + page.json().get("nextCursor").asString()).json().get("items").get(0).get("id").asLong())
                .isLessThan(page.json().get("items").get(0).get("id").asLong());
    }

    @Test
    @Order(5)
    void importPreviewShowsExactlyWhatImportThenDoes() {
        Map<String, Object> request = Map.of("format", "env", "content", """
                # team settings
                GREETING=bonjour
                export NEW_FLAG="on"
                # coderunner:secret
                DB_PASSWORD='pa ss'
                """);
        int releaseBefore = api.get(CONFIG).json().get("release").asInt();
        Api.Answer preview = api.post(CONFIG + "/import?preview=true", request);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).doesNotContain("pa ss");
        assertThat(api.get(CONFIG).json().get("release").asInt()).isEqualTo(releaseBefore);

        Api.Answer applied = api.post(CONFIG + "/import", request);
        assertThat(applied.json().get("changes")).isEqualTo(preview.json().get("changes"));
        assertThat(applied.json().get("release").asInt()).isEqualTo(releaseBefore + 1);
        JsonNode config = api.get(CONFIG).json();
        assertThat(config.get("vars").get("GREETING").asString()).isEqualTo("bonjour");
        assertThat(config.get("vars").get("NEW_FLAG").asString()).isEqualTo("on");
        assertThat(config.get("secrets").has("DB_PASSWORD")).isTrue();
        assertThat(api.post(CONFIG + "/import?preview=true", request).json().get("changes").size()).isZero();
        awaitDeployment(applied.json().get("deployment").get("id").asString());
        assertThat(env("DB_PASSWORD")).isEqualTo("pa ss");
    }

    @Test
    @Order(6)
    void badNamesReservedNamesAndOversizeValuesAreRefusedAndChangeNothing() {
        String before = api.get(CONFIG).body();
        Api.Answer bad = api.patch(CONFIG, Map.of("vars", Map.of("PORT", "1", "1BAD", "x", "OK_NAME", "fine"),
                "secrets", Map.of("BIG", "x".repeat(ConfigService.MAX_VALUE + 1))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("type").asString()).isEqualTo("invalid-config");
        assertThat(bad.json().get("errors").size()).isEqualTo(3);
        assertThat(bad.body()).contains("PORT is set by CodeRunner");
        assertThat(api.post(CONFIG + "/import?preview=true", Map.of("format", "json", "content", "{\"bad-name\":\"x\"}")).status()).isEqualTo(400);
        assertThat(api.post(CONFIG + "/import", Map.of("format", "yaml", "content", "a: [1, 2]")).status()).isEqualTo(400);
        assertThat(api.get(CONFIG).body()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void diffsBetweenReleasesAndEnvironmentsMaskSecrets() {
        JsonNode diff = api.get(CONFIG + "/diff?from=1&to=2").json();
        assertThat(diff.get("changes").toString()).contains("\"name\":\"GREETING\"", "\"from\":\"hi\"", "\"to\":\"hola\"", "\"name\":\"API_KEY\"")
                .doesNotContain("s3cret");

        assertThat(api.post("/api/v1/apps/" + APP + "/envs", Map.of("name", "staging")).status()).isEqualTo(201);
        api.patch("/api/v1/apps/" + APP + "/envs/staging/config", Map.of("vars", Map.of("GREETING", "staging-hi")));
        JsonNode envDiff = api.get(CONFIG + "/diff?env=staging").json();
        assertThat(envDiff.get("changes").toString()).contains("staging-hi", "\"name\":\"API_KEY\",\"change\":\"removed\"")
                .doesNotContain("SHARED");
    }

    @Test
    @Order(8)
    void promotionRunsTheStagingBuildWithProductionConfig() {
        Api.Answer up = api.upload("/api/v1/apps/" + APP + "/envs/staging/deployments", EnvEchoApp.archive(), "application/gzip");
        JsonNode staged = awaitDeployment(up.json().get("id").asString());
        assertThat(staged.get("status").asString()).isEqualTo("succeeded");
        assertThat(router.get(APP + "-staging.localhost", "/env/GREETING").body()).isEqualTo("staging-hi");

        Api.Answer promoted = api.post("/api/v1/apps/" + APP + "/envs/production/promote", Map.of("from", "staging"));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(202);
        JsonNode done = awaitDeployment(promoted.json().get("id").asString());
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("kind").asString()).isEqualTo("promote");
        assertThat(env("GREETING")).isEqualTo("bonjour");
        JsonNode latest = api.get("/api/v1/apps/" + APP + "/envs/production/releases").json().get("items").get(0);
        assertThat(latest.get("description").asString()).isEqualTo("Promote staging v1");
        assertThat(api.post("/api/v1/apps/" + APP + "/envs/production/promote", Map.of("from", "production")).status()).isEqualTo(400);
    }

    @Test
    @Order(9)
    void keyRotationReencryptsEverythingAndTheOldKeyCanThenBeRemoved() {
        JsonNode before = api.get("/api/v1/admin/keys").json();
        String oldKey = before.get("keys").get(0).get("id").asString();
        assertThat(before.get("keys").get(0).get("uses").asLong()).isPositive();

        Api.Answer rotated = api.post("/api/v1/admin/keys/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(202);
        String newKey = rotated.json().get("primary").asString();
        assertThat(newKey).isNotEqualTo(oldKey);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/admin/keys").json().get("reencryption").has("finishedAt"));

        JsonNode after = api.get("/api/v1/admin/keys").json();
        assertThat(after.get("reencryption").has("error")).as(after.toString()).isFalse();
        assertThat(after.toString()).contains("\"id\":\"" + oldKey + "\",\"primary\":false,\"status\":\"enabled\",\"uses\":0");
        assertThat(api.delete("/api/v1/admin/keys/" + newKey).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/admin/keys/" + oldKey).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/admin/keys").json().get("keys").size()).isEqualTo(1);

        int primary = Integer.parseUnsignedInt(newKey);
        jdbc.sql("SELECT content FROM config_vars WHERE secret = TRUE").query(String.class).list()
                .forEach(c -> assertThat(SecretBox.keyId(c)).isEqualTo(primary));
        jdbc.sql("SELECT config_json FROM releases").query(String.class).list()
                .forEach(c -> assertThat(SecretBox.keyId(c)).isEqualTo(primary));
        assertThat(api.get(CONFIG + "?reveal=true").json().get("secrets").get("API_KEY").asString()).isEqualTo("s3cret-one");
        assertThat(api.get("/api/v1/apps/" + APP + "/envs/production/releases?limit=200").status()).isEqualTo(200);
        Api.Answer rollback = api.post("/api/v1/apps/" + APP + "/envs/production/rollback", Map.of("release", 2));
        assertThat(awaitDeployment(rollback.json().get("id").asString()).get("status").asString()).isEqualTo("succeeded");
        assertThat(env("API_KEY")).isEqualTo("s3cret-two");
    }

    @Test
    @Order(10)
    void aTemplateIsAppliedWithItsValuesFilledIn() {
        JsonNode templates = api.get("/api/v1/config/templates").json().get("items");
        assertThat(templates.toString()).contains("\"name\":\"node\"", "\"name\":\"postgresql\"", "\"name\":\"redis\"");
        String staging = "/api/v1/apps/" + APP + "/envs/staging/config";
        Api.Answer missing = api.post(staging + "/templates/redis", Map.of("values", Map.of()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("values.REDIS_URL");

        Api.Answer applied = api.post(staging + "/templates/redis", Map.of("values", Map.of("REDIS_URL", "redis://:pw@localhost:6379/0")));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("secrets").has("REDIS_URL")).isTrue();
        assertThat(applied.body()).doesNotContain(":pw@");
        assertThat(api.get("/api/v1/audit?action=config.change&target=" + APP + "/staging").json().get("items").get(0).get("detail").toString())
                .contains("redis");
    }

    private String env(String name) {
        return router.get(APP + ".localhost", "/env/" + name).body();
    }
}
