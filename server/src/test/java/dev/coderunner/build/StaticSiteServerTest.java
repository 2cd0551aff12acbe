package dev.coderunner.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.testsupport.Examples;

/**
 * Runs the static server exactly as a deployed static site does: the manifest's web command, in a
 * child process. One server serves all read-only tests; the SIGTERM test starts its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticSiteServerTest {

    @TempDir
    static Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process server;
    private int port;

    @BeforeAll
    void startShared() throws IOException {
        start();
    }

    private void start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Manifest manifest = new BuildDetector(new StaticSiteServerInstaller(new CodeRunnerHome(temp.resolve("home"))))
                .detect(Examples.dir("static"));
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", manifest.processes().get("web").command())
                .directory(Examples.dir("static").toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("server.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        server = builder.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get("/").statusCode() == 200);
    }

    @AfterAll
    void stop() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesIndexHtmlForTheRoot() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains("hello from static");
    }

    @Test
    void servesStylesheetsAndHealthz() throws Exception {
        assertThat(get("/css/site.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/about.html").body()).contains("About");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void answers404ForMissingFiles() throws Exception {
        assertThat(get("/nope.html").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesPathTraversal() throws Exception {
        assertThat(get("/../../../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/%2e%2e/%2e%2e/%2e%2e/etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/css/..%2f..%2f..%2fpom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void redirectsFoldersToTheirSlashedForm() throws Exception {
        HttpResponse<String> response = get("/css");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/css/");
        assertThat(get("/css/").statusCode()).isEqualTo(404); // no index.html, and no listing
    }

    @Test
    void answersHeadWithoutABodyAndRevalidatesWithTheEtag() throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        String etag = head.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                .header("If-None-Match", etag).build());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void refusesOtherMethods() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void isOneClassFileSoTheInstallerCopiesAllOfIt() {
        assertThat(temp.resolve("home/lib/static/dev/coderunner/build")).isDirectoryContaining("glob:**/StaticSiteServer.class");
        assertThat(StaticSiteServer.class.getDeclaredClasses()).isEmpty();
        assertThat(StaticSiteServer.class.getResource("StaticSiteServer$1.class")).isNull();
    }

    @Test
    void exitsPromptlyOnSigterm() throws Exception {
        Process shared = server;
        int sharedPort = port;
        start();
        Process own = server;
        server = shared;
        port = sharedPort;

        own.destroy(); // SIGTERM to sh, which exec'd java

        assertThat(own.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}
