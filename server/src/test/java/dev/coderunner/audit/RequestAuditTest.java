package dev.coderunner.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.AuditRows;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mutation (allowed or refused) and every sensitive read leaves an audit row; the log filters, pages and exports. */
class RequestAuditTest extends ControlPlaneTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnAuditRow() {
        assertThat(api.post("/api/v1/apps", Map.of("name", "aud-immutable")).status()).isEqualTo(201);
        AuditRows.assertAppendOnly(jdbc, AuditRows.UPDATE, AuditRows.DELETE);
    }

    @Test
    void mutationsAndRefusalsAreRecordedWithWhoWhatWhereAndTheAnswer() {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        String app = "aud-" + s;
        accounts.app(app);
        Api viewer = accounts.user("aud-viewer-" + s, "viewer");
        accounts.member(app, "aud-viewer-" + s, "viewer");
        assertThat(viewer.put("/api/v1/apps/" + app + "/envs/production/scale", Map.of("web", 2)).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/apps/" + app + "/envs/production/scale", Map.of("web", 0)).status()).as("allowed, but nothing deployed")
                .isEqualTo(409);
        assertThat(new Api(port).post("/api/v1/auth/login", Map.of("username", "aud-viewer-" + s, "password", "wrong-password")).status())
                .isEqualTo(401);
        assertThat(api.patch("/api/v1/users/aud-viewer-" + s, Map.of("email", "v-" + s + "@example.com")).status()).isEqualTo(200);

        List<JsonNode> scale = new ArrayList<>();
        api.get("/api/v1/audit?app=" + app + "&action=api.put").json().get("items").forEach(e -> {
            if (e.get("route").asString().endsWith("/scale")) {
                scale.add(e);
            }
        });
        assertThat(scale).hasSize(2);
        assertThat(scale.get(0).get("actor").asString()).isEqualTo("admin");
        assertThat(scale.get(0).get("status").asInt()).isEqualTo(409);
        assertThat(scale.get(0).get("route").asString()).isEqualTo("/api/v1/apps/{app}/envs/{env}/scale");
        assertThat(scale.get(0).get("target").asString()).isEqualTo(app + "/production");
        assertThat(scale.get(0).get("env").asString()).isEqualTo("production");
        assertThat(scale.get(0).get("ip").asString()).isNotBlank();
        assertThat(scale.get(1).get("actor").asString()).isEqualTo("aud-viewer-" + s);
        assertThat(scale.get(1).get("status").asInt()).as("a refused attempt is recorded too").isEqualTo(403);

        JsonNode login = api.get("/api/v1/audit?user=aud-viewer-" + s + "&action=api.post").json().get("items");
        assertThat(login.get(0).get("route").asString()).isEqualTo("/api/v1/auth/login");
        assertThat(login.get(0).get("status").asInt()).isEqualTo(401);
        assertThat(login.toString()).doesNotContain("wrong-password");

        JsonNode change = api.get("/api/v1/audit?target=users/aud-viewer-" + s).json().get("items").get(0);
        JsonNode before = change.get("detail").get("before").path("email");
        assertThat(before.isNull() || before.isMissingNode()).as(change.toString()).isTrue();
        assertThat(change.get("detail").get("after").get("email").asString()).isEqualTo("v-" + s + "@example.com");
    }

    @Test
    void secretRevealsAndExportsAreRecordedAsSensitiveReadsWithoutTheValues() {
        String s = Accounts.suffix();
        String app = "audr-" + s;
        new Accounts(api, port).app(app);
        api.patch("/api/v1/apps/" + app + "/envs/production/config", Map.of("secrets", Map.of("TOKEN", "very-secret-" + s)));
        assertThat(api.get("/api/v1/apps/" + app + "/envs/production/config?reveal=true").body()).contains("very-secret-" + s);
        api.get("/api/v1/apps/" + app + "/envs/production/config/export?format=env&reveal=true");
        api.get("/api/v1/apps/" + app + "/envs/production/config");   // a plain read is not audited

        List<String> rows = new ArrayList<>();
        api.get("/api/v1/audit?app=" + app).json().get("items").forEach(e -> rows.add(e.get("action").asString() + " " + e.path("method").asString("")));
        assertThat(rows).contains("api.get GET", "config.reveal ", "config.export ", "api.patch PATCH", "config.change ");
        assertThat(rows.stream().filter(r -> r.equals("api.get GET")).count()).isEqualTo(2);
        assertThat(api.get("/api/v1/audit?app=" + app + "&format=json").body()).doesNotContain("very-secret-" + s);
    }

    @Test
    void theLogPagesFiltersAndExportsAsCsvAndJsonForAdminsAndOperatorsOnly() {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        String app = "=cmd-" + s;   // a login attempt names this "user": the row keeps it, the CSV defuses it
        api.post("/api/v1/apps", Map.of("name", "aud-csv-" + s));
        api.post("/api/v1/apps/aud-csv-" + s + "/envs", Map.of("name", "staging"));
        new Api(port).post("/api/v1/auth/login", Map.of("username", app, "password", "x-password"));

        Api.Answer csv = api.get("/api/v1/audit?since=10m&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=\"coderunner-audit-");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,time,actor,action,method,route,target,app,env,status,ip,detail");
        assertThat(csv.body()).contains(",POST,/api/v1/apps/{app}/envs,aud-csv-" + s + ",aud-csv-" + s + ",,201,127.0.0.1,")
                .contains("\"'=cmd-" + s + "\"")   // a spreadsheet must not run it as a formula
                .doesNotContain("\n=cmd-");

        Api.Answer json = api.get("/api/v1/audit?app=aud-csv-" + s + "&format=json");
        assertThat(json.json().isArray()).isTrue();
        assertThat(json.json().size()).as("the app's creation and its staging environment").isEqualTo(2);

        Api.Answer first = api.get("/api/v1/audit?limit=2");
        Api.Answer next = api.get("/api/v1/audit?limit=2&cursor=" + first.json().get("nextCursor").asString());
        assertThat(next.json().get("items").get(0).get("id").asLong()).isLessThan(first.json().get("items").get(1).get("id").asLong());
        assertThat(api.get("/api/v1/audit?format=xml").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit?since=yesterday").status()).isEqualTo(400);

        Api operator = accounts.user("aud-op-" + s, "operator");
        Api developer = accounts.user("aud-dev-" + s, "developer");
        assertThat(operator.get("/api/v1/audit?limit=1").status()).isEqualTo(200);
        assertThat(developer.get("/api/v1/audit?limit=1").status()).isEqualTo(403);
    }
}
