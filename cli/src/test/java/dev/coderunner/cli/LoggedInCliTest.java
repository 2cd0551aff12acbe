package dev.coderunner.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared set-up for command tests: a fake server and a CLI already logged in to it. */
abstract class LoggedInCliTest {

    @TempDir
    Path home;

    FakeServer server;
    CliRun cli;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        cli = new CliRun(home, server).loggedIn();
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
