package dev.coderunner.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With CODERUNNER_TLS_CERT/KEY set, the control plane speaks only HTTPS, sends HSTS and marks the
 * session cookie Secure. The certificate is made by openssl for this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coderunner.router.port=0",
        "CODERUNNER_ADMIN_PASSWORD=tls-admin-password",
        "CODERUNNER_TLS_CERT=" + TlsTest.CERT,
        "CODERUNNER_TLS_KEY=" + TlsTest.KEY})
class TlsTest {

    static final String CERT = "target/tls-test/cert.pem";
    static final String KEY = "target/tls-test/key.pem";

    static {
        makeCertificate();   // before the application starts: it reads the files at start-up
    }

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry r) throws IOException {
        Path home = Files.createTempDirectory("cr-tls-test");
        r.add("coderunner.home", home::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void theControlPlaneServesHttpsWithHstsAndSecureCookies() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(Path.of(CERT))).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=");

        HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"tls-admin-password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie").orElse("")).contains("cr_refresh=").contains("Secure").contains("HttpOnly");

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest overHttp = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz")).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = plain.send(overHttp, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("plain HTTP is not served").isEqualTo(400);
        } catch (IOException refused) {
            // Also fine: the TLS connector drops a plain-text request.
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the certificate").isInstanceOf(IOException.class);
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("coderunner", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static void makeCertificate() {
        try {
            Files.createDirectories(Path.of(CERT).getParent());
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", KEY, "-out", CERT,
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed for this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
