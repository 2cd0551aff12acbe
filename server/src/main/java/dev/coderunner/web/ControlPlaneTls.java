package dev.coderunner.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Serves the control plane over HTTPS when {@code CODERUNNER_TLS_CERT} and {@code CODERUNNER_TLS_KEY}
 * name a PEM certificate (chain) and its private key ({@code CODERUNNER_TLS_KEY_PASSWORD} if the key is
 * encrypted). Then cookies are {@code Secure} and responses carry HSTS. Without them nothing changes.
 */
public class ControlPlaneTls implements EnvironmentPostProcessor {

    static final String CERT = "CODERUNNER_TLS_CERT";
    static final String KEY = "CODERUNNER_TLS_KEY";
    static final String KEY_PASSWORD = "CODERUNNER_TLS_KEY_PASSWORD";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String cert = environment.getProperty(CERT, "");
        String key = environment.getProperty(KEY, "");
        if (cert.isBlank() && key.isBlank()) {
            return;
        }
        if (cert.isBlank() || key.isBlank()) {
            throw new IllegalStateException("TLS needs both " + CERT + " and " + KEY + " (PEM files); only one is set.");
        }
        for (String file : new String[] {cert, key}) {
            if (!Files.isReadable(Path.of(file))) {
                throw new IllegalStateException("TLS: cannot read " + file + " (from " + CERT + "/" + KEY + ").");
            }
        }
        Map<String, Object> ssl = new LinkedHashMap<>();
        ssl.put("server.ssl.enabled", "true");
        ssl.put("server.ssl.certificate", "file:" + cert);
        ssl.put("server.ssl.certificate-private-key", "file:" + key);
        String password = environment.getProperty(KEY_PASSWORD, "");
        if (!password.isBlank()) {
            ssl.put("server.ssl.key-password", password);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("coderunnerTls", ssl));
    }
}
