package dev.coderunner.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.coderunner.Ids;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.AuditRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control plane on the real PostgreSQL server (127.0.0.1:5432, database {@code test}), in a schema of
 * its own: migrations apply (the PostgreSQL-only ones too), and secrets reach the table only as ciphertext.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coderunner.router.port=0",
        "CODERUNNER_ADMIN_PASSWORD=pg-admin-password",
        "coderunner.runtime.stop-on-shutdown=true"})
class PostgresConfigTest {

    private static final String SCHEMA = "crtest_" + Ids.random(8);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        Path home = Files.createTempDirectory("coderunner-pg-test");
        registry.add("coderunner.home", home::toString);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("PGUSER", "postgres"));
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @BeforeEach
    void login() {
        api = new Api(port).login("admin", "pg-admin-password");
    }

    @Test
    void runsOnPostgresAndStoresSecretsOnlyAsCiphertext() {
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo(SCHEMA);
        assertThat(api.post("/api/v1/apps", Map.of("name", "pg-app")).status()).isEqualTo(201);

        Api.Answer patched = api.patch("/api/v1/apps/pg-app/envs/production/config",
                Map.of("vars", Map.of("MODE", "fast"), "secrets", Map.of("DB_PASSWORD", "hunter2-very-secret")));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain("hunter2").contains("\"MODE\":\"fast\"");
        String stored = jdbc.sql("SELECT content FROM config_vars WHERE name = 'DB_PASSWORD'").query(String.class).single();
        assertThat(stored).startsWith("tink:").doesNotContain("hunter2");
        assertThat(api.get("/api/v1/apps/pg-app/envs/production/config").body()).doesNotContain("hunter2");

        Api.Answer bad = api.patch("/api/v1/apps/pg-app/envs/production/config", Map.of("vars", Map.of("PORT", "1", "1BAD", "x")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").size()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM config_vars").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void theAuditLogIsAppendOnlyInPostgresToo() {
        assertThat(api.post("/api/v1/apps", Map.of("name", "pg-audit")).status()).isEqualTo(201);
        AuditRows.assertAppendOnly(jdbc, AuditRows.UPDATE, AuditRows.DELETE, "TRUNCATE audit_events");
    }
}
