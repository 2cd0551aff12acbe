package dev.coderunner.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserSessionTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        Path home = Files.createTempDirectory("cr-session-test");
        r.add("coderunner.home", home::toString);
        r.add("CODERUNNER_ADMIN_PASSWORD", () -> "s3cret-pass");
        r.add("coderunner.router.port", () -> "0");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    static final Pattern COOKIE = Pattern.compile("cr_refresh=([^;]*)");

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String refreshCookie(HttpResponse<?> r) {
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("cr_refresh=")).findFirst().orElseThrow();
        Matcher m = COOKIE.matcher(setCookie);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    String login() throws Exception {
        HttpResponse<String> r = post("/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"s3cret-pass\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/api/v1/auth").doesNotContain("Secure");
        return refreshCookie(r);
    }

    HttpResponse<String> refresh(String token, boolean csrf) throws Exception {
        return csrf ? post("/api/v1/auth/refresh", "", "Cookie", "cr_refresh=" + token, "X-CodeRunner-CSRF", "1")
                : post("/api/v1/auth/refresh", "", "Cookie", "cr_refresh=" + token);
    }

    @Test
    void loginSetsCookieAndRefreshRotatesIt() throws Exception {
        String first = login();
        HttpResponse<String> r = refresh(first, true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("accessToken").contains("\"tokenType\":\"Bearer\"");
        String second = refreshCookie(r);
        assertThat(second).isNotEqualTo(first).isNotEmpty();
        assertThat(refresh(second, true).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshWithoutCsrfHeaderIsRefusedAndChangesNothing() throws Exception {
        String token = login();
        HttpResponse<String> r = refresh(token, false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("csrf-header-missing");
        assertThat(refresh(token, true).statusCode()).isEqualTo(200);
    }

    @Test
    void reusedTokenRevokesTheWholeFamily() throws Exception {
        String first = login();
        String second = refreshCookie(refresh(first, true));
        HttpResponse<String> reuse = refresh(first, true);
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(reuse.body()).contains("refresh-token-reused");
        assertThat(refresh(second, true).statusCode()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() throws Exception {
        String token = login();
        assertThat(post("/api/v1/auth/logout", "", "Cookie", "cr_refresh=" + token).statusCode()).isEqualTo(403);
        HttpResponse<String> out = post("/api/v1/auth/logout", "", "Cookie", "cr_refresh=" + token, "X-CodeRunner-CSRF", "1");
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(refresh(token, true).statusCode()).isEqualTo(401);
    }

    @Test
    void webSocketTicketNeedsALogin() throws Exception {
        assertThat(post("/api/v1/auth/ws-ticket", "").statusCode()).isEqualTo(401);
        String access = refresh(login(), true).body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> r = post("/api/v1/auth/ws-ticket", "", "Authorization", "Bearer " + access);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"ticket\"").contains("\"expiresIn\":30");
    }
}
