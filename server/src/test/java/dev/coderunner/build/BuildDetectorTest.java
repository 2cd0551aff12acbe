package dev.coderunner.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.health.HealthCheckSpec;
import dev.coderunner.testsupport.Examples;
import dev.coderunner.web.ApiException;

class BuildDetectorTest {

    @TempDir
    Path temp;

    private BuildDetector detector() {
        return new BuildDetector(new StaticSiteServerInstaller(new CodeRunnerHome(temp.resolve("home"))));
    }

    private Path source(String... files) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("src"));
        for (int i = 0; i < files.length; i += 2) {
            Path file = dir.resolve(files[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, files[i + 1]);
        }
        return dir;
    }

    @Test
    void nodeExampleBuildsWithNpmCiAndStartsWithNpmStart() {
        Manifest manifest = detector().detect(Examples.dir("node"));

        assertThat(manifest.stack()).isEqualTo("node");
        assertThat(manifest.buildCommand()).isEqualTo("npm ci --no-audit --no-fund");
        assertThat(manifest.processes()).containsOnlyKeys("web");
        assertThat(manifest.processes().get("web")).isEqualTo(new ProcessSpec("npm start", 1, HealthCheckSpec.DEFAULT));
    }

    @Test
    void nodeWithoutLockFileInstallsAndRunsTheBuildScript() throws IOException {
        Manifest manifest = detector().detect(source("package.json", "{\"scripts\":{\"build\":\"vite build\",\"start\":\"node s.js\"}}"));

        assertThat(manifest.buildCommand()).isEqualTo("npm install --no-audit --no-fund && npm run build");
    }

    @Test
    void pythonExampleUsesItsProcfileAndTheVenvBuild() {
        Manifest manifest = detector().detect(Examples.dir("python"));

        assertThat(manifest.stack()).isEqualTo("procfile");
        assertThat(manifest.buildCommand()).startsWith("python3 -m venv .venv && .venv/bin/pip install --disable-pip-version-check")
                .endsWith("-r requirements.txt");
        assertThat(manifest.processes().get("web").command()).isEqualTo("exec .venv/bin/python app.py");
        assertThat(manifest.env()).containsEntry("PYTHONUNBUFFERED", "1");
    }

    @Test
    void pythonWithoutProcfileRunsAppPy() throws IOException {
        Manifest manifest = detector().detect(source("requirements.txt", "", "main.py", ""));

        assertThat(manifest.stack()).isEqualTo("python");
        assertThat(manifest.processes().get("web").command()).isEqualTo("exec .venv/bin/python main.py");
    }

    @Test
    void javaExampleBuildsWithTheWrapperAndRunsTheBuiltJar() {
        Manifest manifest = detector().detect(Examples.dir("java"));

        assertThat(manifest.stack()).isEqualTo("java");
        assertThat(manifest.buildCommand()).isEqualTo("./mvnw -q -B -DskipTests package");
        assertThat(manifest.processes().get("web").command()).contains("-jar").contains("target/*.jar").contains("grep -v");
    }

    @Test
    void javaWithoutWrapperUsesMaven() throws IOException {
        assertThat(detector().detect(source("pom.xml", "<project/>")).buildCommand()).startsWith("mvn -q");
    }

    @Test
    void staticExampleIsServedByTheBuiltInServer() {
        Manifest manifest = detector().detect(Examples.dir("static"));

        assertThat(manifest.stack()).isEqualTo("static");
        assertThat(manifest.buildCommand()).isNull();
        assertThat(manifest.processes().get("web").command())
                .contains("-cp \"" + temp.resolve("home/lib/static") + "\"")
                .endsWith("dev.coderunner.build.StaticSiteServer .");
        assertThat(temp.resolve("home/lib/static/dev/coderunner/build/StaticSiteServer.class")).isRegularFile();
    }

    @Test
    void staticSiteInPublicFolder() throws IOException {
        assertThat(detector().detect(source("public/index.html", "x")).processes().get("web").command())
                .endsWith("StaticSiteServer public");
    }

    @Test
    void procfileOverridesTheStacksWebButKeepsItsBuild() throws IOException {
        Manifest manifest = detector().detect(source("package.json", "{}", "package-lock.json", "{}",
                "Procfile", "# processes\nweb: node server.js\n\nworker:   node worker.js\n"));

        assertThat(manifest.stack()).isEqualTo("procfile");
        assertThat(manifest.buildCommand()).isEqualTo("npm ci --no-audit --no-fund");
        assertThat(manifest.processes().keySet()).containsExactly("web", "worker");
        assertThat(manifest.processes().get("worker")).isEqualTo(new ProcessSpec("node worker.js", 1, null));
        assertThat(manifest.processes().get("web").health()).isEqualTo(HealthCheckSpec.DEFAULT);
    }

    @Test
    void yamlOverridesProcfileAndDetection() throws IOException {
        Manifest manifest = detector().detect(source("package.json", "{\"scripts\":{\"start\":\"x\"}}",
                "Procfile", "web: from-procfile",
                "coderunner.yaml", """
                        processes:
                          web:
                            command: node index.js
                            instances: 2
                            health: { path: /healthz, interval: 5s }
                          worker:
                            command: node worker.js
                        env:
                          NODE_ENV: production
                          RETRIES: 3
                        """));

        assertThat(manifest.stack()).isEqualTo("yaml");
        assertThat(manifest.buildCommand()).isEqualTo("npm install --no-audit --no-fund");
        assertThat(manifest.processes().keySet()).containsExactly("web", "worker");
        ProcessSpec web = manifest.processes().get("web");
        assertThat(web.command()).isEqualTo("node index.js");
        assertThat(web.instances()).isEqualTo(2);
        assertThat(web.health().path()).isEqualTo("/healthz");
        assertThat(web.health().interval()).hasSeconds(5);
        assertThat(web.health().retries()).isEqualTo(HealthCheckSpec.DEFAULT.retries());
        assertThat(manifest.env()).containsEntry("NODE_ENV", "production").containsEntry("RETRIES", "3");
    }

    @Test
    void yamlWithoutProcessesFallsBackToTheProcfileAndCanDropTheBuild() throws IOException {
        Manifest manifest = detector().detect(source("package.json", "{}", "Procfile", "web: node a.js", "coderunner.yaml", "build: null\n"));

        assertThat(manifest.buildCommand()).isNull();
        assertThat(manifest.processes().get("web").command()).isEqualTo("node a.js");
    }

    @Test
    void undetectableSourceSaysWhatWasLookedFor() throws IOException {
        assertThatThrownBy(() -> detector().detect(source("README.md", "hi")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo("undetectable-source");
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("Procfile", "package.json", "requirements.txt", "pom.xml", "index.html");
                });
    }

    @Test
    void nodeWithoutAWayToStartIsUndetectable() throws IOException {
        assertThatThrownBy(() -> detector().detect(source("package.json", "{}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("start"));
    }

    @Test
    void invalidProcfileLineIsNamed() throws IOException {
        assertThatThrownBy(() -> detector().detect(source("Procfile", "web: ok\nthis is not a process\n")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo("invalid-manifest");
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("line 2");
                        assertThat(error.message()).contains("Procfile line 2", "this is not a process");
                    });
                });
    }

    @Test
    void duplicateProcfileTypeIsRefused() throws IOException {
        assertThatThrownBy(() -> detector().detect(source("Procfile", "web: a\nweb: b\n")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("line 2", "twice"));
    }
}
