package dev.coderunner.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;

import static dev.coderunner.access.UsersAndMembershipTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Attacks that must fail, one test each (brute-force login is in limits.LoginLimitsTest, with a movable clock). */
class AttacksTest extends ControlPlaneTest {

    @Autowired
    ApplicationContext context;

    // --- forged and stale access tokens -------------------------------------------------------------

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        String[] parts = api.token().split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertUnauthorized(new Api(port).withToken(header + "." + parts[1] + ".").get("/api/v1/apps"));
        assertUnauthorized(new Api(port).withToken(header + "." + parts[1]).get("/api/v1/apps"));
    }

    @Test
    void aTokenReSignedWithAnotherKeyIsRefused() throws Exception {
        String s = Accounts.suffix();
        Api viewer = new Accounts(api, port).user("mallory-" + s, "viewer");
        String adminId = api.get("/api/v1/auth/profile").json().get("id").asString();
        byte[] attackerKey = new byte[32];
        new SecureRandom().nextBytes(attackerKey);
        // The viewer rewrites their token into the admin's and signs it with a key of their own.
        assertUnauthorized(new Api(port).withToken(sign(attackerKey, adminId, Instant.now(), Instant.now().plusSeconds(600))).get("/api/v1/users"));
        // Tampering with the payload of a genuine token breaks its signature.
        String[] parts = viewer.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replaceAll("\"sub\":\"[^\"]+\"", "\"sub\":\"" + adminId + "\"");
        assertUnauthorized(new Api(port).withToken(parts[0] + "." + b64(payload) + "." + parts[2]).get("/api/v1/users"));
    }

    @Test
    void expiredAndNotYetValidTokensAreRefusedEvenWhenGenuinelySigned() throws Exception {
        byte[] realKey = Files.readAllBytes(home().resolve("keys/jwt.key"));
        String adminId = api.get("/api/v1/auth/profile").json().get("id").asString();
        Instant now = Instant.now();
        assertThat(new Api(port).withToken(sign(realKey, adminId, now.minusSeconds(60), now.plusSeconds(600))).get("/api/v1/apps").status())
                .as("control: a genuine, current token works").isEqualTo(200);
        assertUnauthorized(new Api(port).withToken(sign(realKey, adminId, now.minusSeconds(3600), now.minusSeconds(60))).get("/api/v1/apps"));
        assertUnauthorized(new Api(port).withToken(sign(realKey, adminId, now.plusSeconds(600), now.plusSeconds(1200))).get("/api/v1/apps"));
    }

    // --- sessions ------------------------------------------------------------------------------------

    @Test
    void aReusedRefreshTokenEndsTheWholeSession() {
        String first = loginCookie();
        Api.Answer rotated = refresh(first, true);
        assertThat(rotated.status()).isEqualTo(200);
        String second = cookie(rotated);

        Api.Answer replay = refresh(first, true);   // a stolen copy of the old token comes back
        assertProblem(replay, 401, "refresh-token-reused");
        assertProblem(refresh(second, true), 401, "invalid-session");   // the legitimate holder is logged out too
    }

    @Test
    void cookieFlowsResistCrossSiteRequests() {
        String session = loginCookie();
        // The refresh and logout routes, the only ones a cookie authenticates, need a header a cross-site form cannot send.
        assertProblem(refresh(session, false), 403, "csrf-header-missing");
        Api.Answer logout = new Api(port).raw(new Api(port).request("/api/v1/auth/logout").header("Cookie", "cr_refresh=" + session)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(logout, 403, "csrf-header-missing");
        assertThat(refresh(session, true).status()).as("the refused requests changed nothing").isEqualTo(200);

        // A cookie never authenticates anything else.
        Api.Answer withCookieOnly = new Api(port).raw(new Api(port).request("/api/v1/apps").header("Cookie", "cr_refresh=" + session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"csrf-app\"}")).header("Content-Type", "application/json"));
        assertThat(withCookieOnly.status()).isEqualTo(401);

        // A cross-origin page is never allowed to read or send with credentials (no CORS grant).
        Api.Answer preflight = new Api(port).raw(new Api(port).request("/api/v1/apps").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
        Api.Answer crossOriginGet = api.raw(api.request("/api/v1/apps").header("Origin", "https://evil.example").GET());
        assertThat(crossOriginGet.header("Access-Control-Allow-Origin")).isNull();
    }

    // --- one user reaching another app ---------------------------------------------------------------

    @Test
    void aMemberOfOneAppCannotReachAnotherByNameOrByDeploymentId() throws Exception {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        String a = "idor-a-" + s;
        String b = "idor-b-" + s;
        accounts.app(a);
        accounts.app(b);
        Api dev = accounts.user("idor-" + s, "developer");
        accounts.member(a, "idor-" + s, "developer");
        api.patch("/api/v1/apps/" + b + "/envs/production/config", Map.of("secrets", Map.of("B_SECRET", "b-secret-value")));
        String bDeployment = api.upload("/api/v1/apps/" + b + "/envs/production/deployments",
                Archives.tarGz().file("Procfile", "web: sleep 60").file("coderunner.yaml", "build: exit 3\n").bytes(), "application/gzip").json().get("id").asString();

        for (String path : List.of("/api/v1/apps/" + b, "/api/v1/apps/" + b + "/envs/production", "/api/v1/apps/" + b + "/envs/production/config",
                "/api/v1/apps/" + b + "/envs/production/config?reveal=true", "/api/v1/apps/" + b + "/envs/production/logs",
                "/api/v1/apps/" + b + "/envs/production/releases", "/api/v1/apps/" + b + "/members")) {
            assertProblem(dev.get(path), 404, "app-not-found");
        }
        assertProblem(dev.patch("/api/v1/apps/" + b + "/envs/production/config", Map.of("secrets", Map.of("B_SECRET", "owned"))), 404, "app-not-found");
        assertProblem(dev.get("/api/v1/deployments/" + bDeployment), 404, "deployment-not-found");
        assertProblem(dev.get("/api/v1/deployments/" + bDeployment + "/log"), 404, "deployment-not-found");
        assertProblem(dev.post("/api/v1/deployments/" + bDeployment + "/cancel", Map.of()), 404, "deployment-not-found");
        assertThat(api.get("/api/v1/apps/" + b + "/envs/production/config?reveal=true").body()).contains("b-secret-value");
        assertThat(dev.get("/api/v1/apps?limit=200").body()).contains(a).doesNotContain(b);

        // The same over the WebSocket.
        String ticket = dev.post("/api/v1/auth/ws-ticket", Map.of()).json().get("ticket").asString();
        Messages ws = Messages.open(port, ticket);
        try {
            for (String channel : List.of("logs:" + b + "/production", "deployments:" + b + "/production", "instances:" + b + "/production",
                    "metrics:" + b + "/production", "deployment:" + bDeployment)) {
                ws.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"id\":1}");
                JsonNode answer = ws.next();
                assertThat(answer.get("type").asString()).as(channel).isEqualTo("error");
                assertThat(answer.get("code").asString()).isEqualTo("channel-not-found");
            }
            ws.send("{\"type\":\"subscribe\",\"channel\":\"logs:" + a + "/production\",\"id\":2}");
            assertThat(ws.next().get("type").asString()).isEqualTo("subscribed");
            ws.send("{\"type\":\"subscribe\",\"channel\":\"apps\",\"since\":\"now\",\"id\":3}");
            assertThat(ws.next().get("type").asString()).isEqualTo("subscribed");
            accounts.app("idor-c-" + s);   // not theirs: its event must not reach them
            api.post("/api/v1/apps/" + a + "/envs", Map.of("name", "staging"));   // theirs: it must
            JsonNode event = ws.next();
            assertThat(event.get("type").asString()).isEqualTo("event");
            assertThat(event.get("data").get("app").asString()).isEqualTo(a);
        } finally {
            ws.close();
        }
    }

    // --- bodies -------------------------------------------------------------------------------------

    @Test
    void oversizedJsonIsRefusedWith413WhetherItAnnouncesItsLengthOrNot() {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Api.Answer announced = api.raw(api.request("/api/v1/apps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)));
        assertProblem(announced, 413, "payload-too-large");
        Api.Answer chunked = api.raw(api.request("/api/v1/apps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        assertProblem(chunked, 413, "payload-too-large");
    }

    @Test
    void malformedJsonIsA400ProblemAndChangesNothing() {
        String s = Accounts.suffix();
        for (String body : List.of("{\"name\":", "[\"mal-" + s + "\"]", "{\"name\":\"mal-" + s + "\",}", "not json", "{\"name\":{\"$gt\":\"\"}}")) {
            Api.Answer a = api.raw(api.request("/api/v1/apps").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.body()).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("tools.jackson");
        }
        assertThat(api.get("/api/v1/apps/mal-" + s).status()).isEqualTo(404);
    }

    // --- path traversal in every path parameter ---------------------------------------------------

    private static final List<String> TRAVERSALS = List.of("..", "%2e%2e", "%2E%2E", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc",
            "..%5c..%5cwindows", "%252e%252e", "..;", ".%00.", "%00", "%c0%ae%c0%ae", "....//", "..%252f");

    @Test
    void pathTraversalInAnyPathParameterIsRefusedWithoutLeakingAnything() {
        Pattern variable = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
        List<String> bad = new ArrayList<>();
        int calls = 0;
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    Matcher m = variable.matcher(pattern);
                    List<String> names = new ArrayList<>();
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                    for (String attacked : names) {
                        for (String evil : TRAVERSALS) {
                            String path = fill(pattern, attacked, evil);
                            for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                                Api.Answer a = call(method.name(), path);
                                calls++;
                                boolean refused = a.status() >= 400 && a.status() < 500 && a.status() != 401 && a.status() != 403;
                                boolean clean = a.contentType().startsWith("application/problem+json") && !a.body().contains("Exception")
                                        && !a.body().contains("root:") && !a.body().contains("/etc/");
                                if (!refused || !clean) {
                                    bad.add(method + " " + path + " → " + a.status() + " " + a.contentType() + " "
                                            + a.body().substring(0, Math.min(120, a.body().length())));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(calls).as("parameterised routes were attacked").isGreaterThan(200);
        assertThat(bad).isEmpty();
    }

    /** The pattern with {@code attacked} set to {@code evil} and every other variable to a harmless value. */
    private static String fill(String pattern, String attacked, String evil) {
        Matcher m = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals(attacked) ? evil : m.group(1).equals("env") || m.group(1).equals("to") ? "production" : "x1";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Api.Answer call(String method, String path) {
        HttpRequest.Builder b = api.request(path).header("Content-Type", "application/json");
        return api.raw(switch (method) {
            case "GET", "DELETE" -> b.method(method, HttpRequest.BodyPublishers.noBody());
            default -> b.method(method, HttpRequest.BodyPublishers.ofString("{}"));
        });
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String sign(byte[] key, String subject, Instant notBefore, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("coderunner").subject(subject).jwtID(Long.toString(System.nanoTime()))
                .issueTime(Date.from(notBefore)).notBeforeTime(Date.from(notBefore)).expirationTime(Date.from(expires))
                .claim("name", "admin").claim("role", "ADMIN").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthorized(Api.Answer a) {
        assertProblem(a, 401, "unauthorized");
    }

    private String loginCookie() {
        return cookie(new Api(port).post("/api/v1/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)));
    }

    private static String cookie(Api.Answer a) {
        String setCookie = a.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cr_refresh=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/api/v1/auth");
        return setCookie.substring("cr_refresh=".length(), setCookie.indexOf(';'));
    }

    private Api.Answer refresh(String cookie, boolean csrfHeader) {
        HttpRequest.Builder b = new Api(port).request("/api/v1/auth/refresh").header("Cookie", "cr_refresh=" + cookie)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (csrfHeader) {
            b.header("X-CodeRunner-CSRF", "1");
        }
        return new Api(port).raw(b);
    }

    /** A minimal WebSocket client that collects the server's messages. */
    static final class Messages implements WebSocket.Listener {
        private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Messages open(int port, String ticket) {
            Messages m = new Messages();
            m.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws?ticket=" + ticket), m).join();
            return m;
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode n = received.poll(10, TimeUnit.SECONDS);
            if (n == null) {
                throw new AssertionError("no WebSocket message within 10 s");
            }
            return n;
        }

        void close() {
            socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
