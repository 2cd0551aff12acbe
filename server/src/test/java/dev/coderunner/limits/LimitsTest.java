package dev.coderunner.limits;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits against the real server, with small limits and a clock the test moves instead of
 * sleeping: brute-force logins are locked out and the real user gets in after the window; API
 * calls per token; uploads per app. Every refusal is a 429 problem with {@code Retry-After}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coderunner.router.port=0",
        "CODERUNNER_ADMIN_PASSWORD=limits-admin-password",
        "coderunner.runtime.stop-on-shutdown=true",
        "coderunner.limits.login-failures-per-account=3",
        "coderunner.limits.login-failures-per-ip=8",
        "coderunner.limits.login-window=15m",
        "coderunner.limits.api-requests-per-token=30",
        "coderunner.limits.api-window=1m",
        "coderunner.limits.uploads-per-app=2",
        "coderunner.limits.upload-window=1h"})
class LimitsTest {

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry r) throws Exception {
        var home = Files.createTempDirectory("cr-limits-test");
        r.add("coderunner.home", home::toString);
    }

    /** A clock that runs with real time, plus an offset the test moves forward. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration d) {
            offset.updateAndGet(o -> o.plus(d));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    Api admin;
    Accounts accounts;

    @BeforeEach
    void logIn() {
        admin = new Api(port).login("admin", "limits-admin-password");
        accounts = new Accounts(admin, port);
    }

    @AfterEach
    void letEveryWindowPass() {
        clock.advance(Duration.ofHours(2));
    }

    @Test
    void bruteForceLocksTheAccountOutAndTheRealUserGetsInAfterTheWindow() {
        String victim = "victim-" + Accounts.suffix();
        accounts.user(victim, "developer");
        for (int i = 0; i < 3; i++) {
            assertThat(login(victim, "guess-" + i).status()).isEqualTo(401);
        }
        Api.Answer locked = login(victim, "guess-3");
        assertTooMany(locked, "too-many-login-attempts");
        assertThat(locked.json().get("detail").asString()).startsWith("Too many failed logins for this account. Try again in");
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 300L);   // one attempt comes back every 15m / 3
        assertTooMany(login(victim, Accounts.PASSWORD), "too-many-login-attempts");   // even the right password waits: no oracle

        assertThat(login("admin", "limits-admin-password").status()).as("other accounts are not affected").isEqualTo(200);

        clock.advance(Duration.ofSeconds(retryAfter - 5));
        assertTooMany(login(victim, Accounts.PASSWORD), "too-many-login-attempts");
        clock.advance(Duration.ofSeconds(10));
        assertThat(login(victim, Accounts.PASSWORD).status()).as("the real user after the window").isEqualTo(200);
        assertThat(login(victim, "wrong-again").status()).as("a success clears the account's count").isEqualTo(401);
        assertThat(login(victim, Accounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedDownToo() {
        String s = Accounts.suffix();
        for (int i = 0; i < 8; i++) {
            assertThat(login("spray-" + i + "-" + s, "password-" + i).status()).isEqualTo(401);
        }
        Api.Answer limited = login("admin", "limits-admin-password");
        assertTooMany(limited, "too-many-login-attempts");
        assertThat(limited.json().get("detail").asString()).contains("from your address");
        clock.advance(Duration.ofMinutes(15));
        assertThat(login("admin", "limits-admin-password").status()).isEqualTo(200);
    }

    @Test
    void eachApiTokenHasItsOwnBudget() {
        Api first = accounts.token(admin, "read");
        Api second = accounts.token(admin, "read");
        for (int i = 0; i < 30; i++) {
            assertThat(first.get("/api/v1/apps").status()).isEqualTo(200);
        }
        Api.Answer limited = first.get("/api/v1/apps");
        assertTooMany(limited, "too-many-requests");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(second.get("/api/v1/apps").status()).as("another token").isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(first.get("/api/v1/apps").status()).isEqualTo(200);
    }

    @Test
    void uploadsAreLimitedPerAppAndOnlyAllowedCallersSpendTheBudget() {
        String s = Accounts.suffix();
        accounts.app("up-" + s);
        accounts.app("up2-" + s);
        Api outsider = accounts.user("outsider-" + s, "developer");
        for (int i = 0; i < 5; i++) {
            assertThat(upload(outsider, "up-" + s).status()).as("not theirs").isEqualTo(404);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(upload(admin, "up-" + s).status()).as("counted, then refused as not an archive").isEqualTo(400);
        }
        Api.Answer limited = upload(admin, "up-" + s);
        assertTooMany(limited, "too-many-uploads");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 1800L);
        assertThat(upload(admin, "up2-" + s).status()).as("another app").isEqualTo(400);
    }

    private Api.Answer login(String username, String password) {
        return new Api(port).post("/api/v1/auth/login", Map.of("username", username, "password", password));
    }

    private static Api.Answer upload(Api who, String app) {
        return who.upload("/api/v1/apps/" + app + "/envs/production/deployments", "not an archive".getBytes(), "application/gzip");
    }

    private static void assertTooMany(Api.Answer a, String type) {
        assertThat(a.status()).as(a.body()).isEqualTo(429);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("type").asString()).isEqualTo(type);
        assertThat(a.header("Retry-After")).matches("\\d+");
        assertThat(a.json().get("retryAfter").asLong()).isEqualTo(Long.parseLong(a.header("Retry-After")));
    }
}
