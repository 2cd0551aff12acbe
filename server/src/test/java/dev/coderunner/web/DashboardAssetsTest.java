package dev.coderunner.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardAssetsTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        String home = Files.createTempDirectory("cr-assets-test").toString();
        r.add("coderunner.home", () -> home);
        r.add("coderunner.router.port", () -> "0");
    }

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deepLinksAnswerTheDashboardWithoutCaching() throws Exception {
        for (String path : new String[] {"/", "/apps/shop/envs/production", "/apps/shop/deployments/dep_1"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("<div id=\"root\">");
            assertThat(r.headers().firstValue("Cache-Control").orElse("")).as(path).contains("no-cache");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        }
    }

    @Test
    void apiAndMissingFilesStayNotFound() throws Exception {
        HttpResponse<String> api = get("/api/v1/nothing-here");
        assertThat(api.statusCode()).isIn(401, 404);
        assertThat(api.body()).doesNotContain("<div id=\"root\">");
        assertThat(get("/assets/missing-abc123.js").statusCode()).isEqualTo(404);
        assertThat(get("/favicon-missing.png").statusCode()).isEqualTo(404);
    }

    @Test
    void clientRoutesAreRecognised() {
        assertThat(DashboardAssets.SpaFallback.isClientRoute("apps/x/envs/y")).isTrue();
        assertThat(DashboardAssets.SpaFallback.isClientRoute("api/v1/apps")).isFalse();
        assertThat(DashboardAssets.SpaFallback.isClientRoute("healthz")).isFalse();
        assertThat(DashboardAssets.SpaFallback.isClientRoute("logo.svg")).isFalse();
    }
}
