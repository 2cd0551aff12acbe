package dev.coderunner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The config history the dashboard shows: every release with who, when and what its config changed, secrets masked. */
class ConfigHistoryTest extends ControlPlaneTest {

    private static final String APP = "cfghist";
    private static final String BASE = "/api/v1/apps/" + APP + "/envs/production";

    @Test
    void listsEachReleaseWithTheNamesItChangedNewestFirstAcrossPages() {
        assertThat(api.post("/api/v1/apps", Map.of("name", APP)).status()).isEqualTo(201);
        api.patch(BASE + "/config", Map.of("vars", Map.of("A", "1"), "secrets", Map.of("S", "first-secret")));
        assertThat(awaitDeployment(deploy(APP, EnvEchoApp.archive())).get("status").asString()).isEqualTo("succeeded");
        Api.Answer second = api.patch(BASE + "/config", Map.of("vars", Map.of("A", "2", "B", "new"), "secrets", Map.of("S", "second-secret")));
        assertThat(second.json().get("release").asInt()).isEqualTo(2);
        awaitDeployment(second.json().get("deployment").get("id").asString());
        Map<String, Object> removeB = new java.util.HashMap<>();
        removeB.put("B", null);
        Api.Answer third = api.patch(BASE + "/config", Map.of("vars", removeB));
        assertThat(third.json().get("release").asInt()).isEqualTo(3);
        awaitDeployment(third.json().get("deployment").get("id").asString());

        Api.Answer all = api.get(BASE + "/config/history");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.body()).doesNotContain("first-secret").doesNotContain("second-secret");
        JsonNode items = all.json().get("items");
        assertThat(versions(items)).containsExactly(3, 2, 1);
        assertThat(lastPage(all.json())).isTrue();
        assertThat(items.get(0).get("current").asBoolean()).isTrue();
        assertThat(items.get(0).get("createdBy").asString()).isEqualTo("admin");
        assertThat(items.get(0).get("description").asString()).contains("B");
        assertThat(changes(items.get(0))).containsExactly("B removed");
        assertThat(changes(items.get(1))).containsExactly("A changed", "B added", "S changed");
        assertThat(changes(items.get(2))).containsExactly("A added", "S added");
        JsonNode secret = items.get(1).get("changes").get(2);
        assertThat(secret.get("secret").asBoolean()).isTrue();
        assertThat(secret.get("to").asString()).isEqualTo(ConfigSnapshot.MASK);
        assertThat(items.get(1).get("changes").get(0).get("from").asString()).isEqualTo("1");

        // Paged one by one, each entry still diffs against the release before it, even across a page boundary.
        JsonNode first = api.get(BASE + "/config/history?limit=1").json();
        assertThat(versions(first.get("items"))).containsExactly(3);
        JsonNode next = api.get(BASE + "/config/history?limit=1&cursor=" + first.get("nextCursor").asString()).json();
        assertThat(versions(next.get("items"))).containsExactly(2);
        assertThat(changes(next.get("items").get(0))).containsExactly("A changed", "B added", "S changed");
        JsonNode last = api.get(BASE + "/config/history?limit=1&cursor=2").json();
        assertThat(changes(last.get("items").get(0))).containsExactly("A added", "S added");
        assertThat(lastPage(last)).isTrue();

        assertThat(api.get(BASE + "/config/history?limit=0").json().get("type").asString()).isEqualTo("invalid-limit");
        assertThat(api.get(BASE + "/config/history?cursor=x").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/apps/" + APP + "/envs/nope/config/history").status()).isEqualTo(404);
    }

    /** A last page has no (or a null) nextCursor. */
    private static boolean lastPage(JsonNode page) {
        return page.path("nextCursor").isMissingNode() || page.path("nextCursor").isNull();
    }

    private static List<Integer> versions(JsonNode items) {
        List<Integer> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("version").asInt()));
        return out;
    }

    private static List<String> changes(JsonNode entry) {
        List<String> out = new ArrayList<>();
        entry.get("changes").forEach(c -> out.add(c.get("name").asString() + " " + c.get("change").asString()));
        return out;
    }
}
