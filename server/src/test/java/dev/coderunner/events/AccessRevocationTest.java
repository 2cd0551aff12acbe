package dev.coderunner.events;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rights are checked when a channel is subscribed; when they shrink later, the user's open WebSockets are
 * closed (code 4403), so a reconnect subscribes again under the new rights. Other users keep theirs.
 */
class AccessRevocationTest extends ControlPlaneTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void removingAMemberClosesTheirSocketsAndTheReconnectIsRefusedTheApp() throws Exception {
        Accounts accounts = new Accounts(api, port);
        String app = "revoke-" + Accounts.suffix();
        accounts.app(app);
        String dev = "dev-" + Accounts.suffix();
        Api developer = accounts.user(dev, "developer");
        accounts.member(app, dev, "developer");

        try (WsTestClient theirs = subscribed(developer, app); WsTestClient admins = subscribed(api, app)) {
            assertThat(api.delete("/api/v1/apps/" + app + "/members/" + dev).status()).isEqualTo(204);

            JsonNode closed = untilClosed(theirs);
            assertThat(closed.get("code").asInt()).isEqualTo(4403);
            assertThat(closed.get("reason").asString()).contains("removed from app " + app);
            // The admin's socket on the same channel stays open and answers.
            admins.send("{\"type\":\"ping\",\"id\":\"still-there\"}");
            assertThat(admins.next().get("type").asString()).isEqualTo("pong");
        }
        // Reconnecting works, but the app is no longer theirs to watch.
        try (WsTestClient again = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, developer.token()), true)) {
            again.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"instances:" + app + "/production\"}");
            JsonNode answer = again.next();
            assertThat(answer.get("type").asString()).isEqualTo("error");
            assertThat(answer.get("code").asString()).isEqualTo("channel-not-found");
        }
    }

    @Test
    void deactivatingAUserClosesTheirSockets() throws Exception {
        Accounts accounts = new Accounts(api, port);
        String name = "gone-" + Accounts.suffix();
        Api user = accounts.user(name, "viewer");
        try (WsTestClient theirs = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, user.token()), true)) {
            theirs.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"apps\"}");
            assertThat(theirs.next().get("type").asString()).isEqualTo("subscribed");
            assertThat(api.patch("/api/v1/users/" + name, Map.of("active", false)).status()).isEqualTo(200);
            JsonNode closed = untilClosed(theirs);
            assertThat(closed.get("code").asInt()).isEqualTo(4403);
            assertThat(closed.get("reason").asString()).contains("deactivated");
        }
    }

    @Test
    void revokingAnApiTokenClosesItsSocketsAndItCannotOpenMore() throws Exception {
        Api user = new Accounts(api, port).user("tok-" + Accounts.suffix(), "viewer");
        JsonNode created = user.post("/api/v1/auth/tokens", Map.of("name", "watcher", "scope", "read")).json();
        Api token = user.withToken(created.get("token").asString());
        try (WsTestClient theirs = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, token.token()), true)) {
            theirs.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"apps\"}");
            assertThat(theirs.next().get("type").asString()).isEqualTo("subscribed");
            assertThat(user.delete("/api/v1/auth/tokens/" + created.get("id").asString()).status()).isEqualTo(204);
            JsonNode closed = untilClosed(theirs);
            assertThat(closed.get("code").asInt()).isEqualTo(4403);
            assertThat(closed.get("reason").asString()).contains("API token revoked");
        }
        assertThat(token.post("/api/v1/auth/ws-ticket", Map.of()).status()).isEqualTo(401);
    }

    private WsTestClient subscribed(Api who, String app) throws Exception {
        WsTestClient c = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, who.token()), true);
        c.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"instances:" + app + "/production\"}");
        JsonNode ack = c.next();
        assertThat(ack.get("type").asString()).as(ack.toString()).isEqualTo("subscribed");
        return c;
    }

    private static JsonNode untilClosed(WsTestClient c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode n = c.poll(Duration.ofMillis(200));
            if (n != null && n.get("type").asString().equals("closed")) {
                return n;
            }
        }
        throw new AssertionError("the connection was not closed within 10 s");
    }
}
