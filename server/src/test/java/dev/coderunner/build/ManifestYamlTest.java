package dev.coderunner.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coderunner.web.ApiException;

class ManifestYamlTest {

    @TempDir
    Path temp;

    private ManifestYaml.Declared read(String yaml) throws IOException {
        return ManifestYaml.read(Files.writeString(temp.resolve("coderunner.yaml"), yaml));
    }

    private List<ApiException.FieldError> errorsOf(String yaml) {
        try {
            read(yaml);
        } catch (ApiException e) {
            assertThat(e.type()).isEqualTo("invalid-manifest");
            assertThat(e.status().value()).isEqualTo(422);
            return e.errors();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("expected the manifest to be refused");
    }

    @Test
    void readsTheDocumentedExample() throws IOException {
        ManifestYaml.Declared declared = read("""
                build: npm ci && npm run build
                processes:
                  web:
                    command: node index.js
                    instances: 2
                    health: { path: /healthz, interval: 10s, timeout: 500ms, retries: 3, grace: 1m }
                  worker:
                    command: node worker.js
                    instances: 0
                env:
                  NODE_ENV: production
                  DEBUG: false
                """);

        assertThat(declared.build()).isEqualTo("npm ci && npm run build");
        assertThat(declared.processes().keySet()).containsExactly("web", "worker");
        assertThat(declared.processes().get("web").health().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(declared.processes().get("web").health().grace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(declared.processes().get("worker").instances()).isZero();
        assertThat(declared.processes().get("worker").health()).isNull();
        assertThat(declared.env()).containsEntry("DEBUG", "false");
    }

    @Test
    void emptyFileDeclaresNothing() throws IOException {
        ManifestYaml.Declared declared = read("# nothing yet\n");

        assertThat(declared.hasBuild()).isFalse();
        assertThat(declared.processes()).isNull();
    }

    @Test
    void namesTheFieldAndLineOfAWrongInstanceCount() {
        assertThat(errorsOf("""
                processes:
                  web:
                    command: node index.js
                    instances: "2"
                """)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("processes.web.instances");
            assertThat(error.message()).contains("line 4").contains("whole number");
        });
        assertThat(errorsOf("processes:\n  web:\n    command: x\n    instances: 500\n"))
                .extracting(ApiException.FieldError::field).containsExactly("processes.web.instances");
        assertThat(errorsOf("processes:\n  web:\n    command: x\n    instances: -1\n"))
                .extracting(ApiException.FieldError::field).containsExactly("processes.web.instances");
    }

    @Test
    void refusesUnknownKeysEverywhere() {
        assertThat(errorsOf("""
                biuld: make
                processes:
                  web:
                    command: x
                    comand: y
                    health: { path: /h, intervall: 5s }
                """)).extracting(ApiException.FieldError::field)
                .containsExactly("biuld", "processes.web.comand", "processes.web.health.intervall");
    }

    @Test
    void refusesDurationsWithoutAUnitOrWithAWrongOne() {
        List<ApiException.FieldError> errors = errorsOf("""
                processes:
                  web:
                    command: x
                    health:
                      interval: 10
                      timeout: 5x
                      grace: 0s
                """);

        assertThat(errors).extracting(ApiException.FieldError::field)
                .containsExactly("processes.web.health.interval", "processes.web.health.timeout", "processes.web.health.grace");
        assertThat(errors.getFirst().message()).contains("line 5", "10s");
    }

    @Test
    void refusesWrongTypesAndMissingCommands() {
        assertThat(errorsOf("build: [make]\nprocesses:\n  web:\n    instances: 1\nenv: [A]\n"))
                .extracting(ApiException.FieldError::field).containsExactly("build", "processes.web.command", "env");
    }

    @Test
    void refusesBadProcessTypeAndEnvNames() {
        assertThat(errorsOf("processes:\n  Web Server:\n    command: x\nenv:\n  1BAD: x\n"))
                .extracting(ApiException.FieldError::field).containsExactly("processes.Web Server", "env.1BAD");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThat(errorsOf("processes:\n  web:\n    command: a\n  web:\n    command: b\n"))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("line 4", "twice"));
    }

    @Test
    void explainsThatScalingBelongsToTheApi() {
        assertThat(errorsOf("processes:\n  web:\n    command: x\n    scaling: { min: 1 }\n"))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("not supported", "API"));
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        assertThat(errorsOf("processes:\n  web:\n    command: [unclosed\n"))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("not valid YAML").containsPattern("line \\d"));
    }

    @Test
    void refusesATopLevelThatIsNotAMapping() {
        assertThat(errorsOf("- web\n")).singleElement().satisfies(error -> assertThat(error.message()).contains("line 1", "mapping"));
    }
}
