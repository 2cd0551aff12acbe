package dev.coderunner.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * First start with an empty database creates user {@code admin}, with the password from
 * {@code CODERUNNER_ADMIN_PASSWORD} or a random one printed once and written to
 * {@code $CODERUNNER_HOME/initial-admin-password} (mode 600).
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final CodeRunnerHome home;
    private final Clock clock;
    private final String configuredPassword;

    AdminBootstrap(UserStore users, PasswordEncoder encoder, CodeRunnerHome home, Clock clock,
            @Value("${CODERUNNER_ADMIN_PASSWORD:}") String configuredPassword) {
        this.users = users;
        this.encoder = encoder;
        this.home = home;
        this.clock = clock;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? Ids.random(20) : configuredPassword;
        users.insert(new User(Ids.newId("usr"), "admin", Role.ADMIN, true, clock.instant()), encoder.encode(password));
        if (generated) {
            Path file = home.root().resolve("initial-admin-password");
            writePrivate(file, password + "\n");
            log.info("Created user 'admin' with password {} (also saved in {})", password, file);
        } else {
            log.info("Created user 'admin' with the password from CODERUNNER_ADMIN_PASSWORD");
        }
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
