package dev.coderunner.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.coderunner.web.ApiException;

/** Recognises the supported stacks by their marker files, first match wins: node, python, java, static. */
final class Stacks {

    static final String LOOKED_FOR = "coderunner.yaml, Procfile, package.json, requirements.txt, mvnw or pom.xml, "
            + "or index.html (at the root, in public/ or in dist/)";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StaticSiteServerInstaller staticServer;

    Stacks(StaticSiteServerInstaller staticServer) {
        this.staticServer = staticServer;
    }

    Optional<Stack> detect(Path dir) {
        if (Files.isRegularFile(dir.resolve("package.json"))) {
            return Optional.of(node(dir));
        }
        if (Files.isRegularFile(dir.resolve("requirements.txt"))) {
            return Optional.of(python(dir));
        }
        if (Files.isRegularFile(dir.resolve("mvnw")) || Files.isRegularFile(dir.resolve("pom.xml"))) {
            return Optional.of(java(dir));
        }
        for (String site : List.of(".", "public", "dist")) {
            if (Files.isRegularFile(dir.resolve(site).resolve("index.html"))) {
                return Optional.of(new Stack("static", null, staticServer.webCommand(site), null, Map.of()));
            }
        }
        return Optional.empty();
    }

    private static Stack node(Path dir) {
        JsonNode scripts = packageJson(dir).path("scripts");
        boolean locked = Files.isRegularFile(dir.resolve("package-lock.json")) || Files.isRegularFile(dir.resolve("npm-shrinkwrap.json"));
        // audit and fund talk to the registry and add nothing to a build
        String build = locked ? "npm ci --no-audit --no-fund" : "npm install --no-audit --no-fund";
        if (scripts.has("build")) {
            build += " && npm run build";
        }
        // npm start falls back to "node server.js" when there is no start script
        boolean startable = scripts.has("start") || Files.isRegularFile(dir.resolve("server.js"));
        return new Stack("node", build, startable ? "npm start" : null,
                "add a \"start\" script to package.json or a Procfile line 'web: node index.js'", Map.of());
    }

    private static Stack python(Path dir) {
        String build = "python3 -m venv .venv && .venv/bin/pip install --disable-pip-version-check --no-input -r requirements.txt";
        String web = Stream.of("app.py", "main.py").filter(f -> Files.isRegularFile(dir.resolve(f))).findFirst()
                .map(f -> "exec .venv/bin/python " + f).orElse(null);
        // unbuffered, so print() reaches the log as it happens
        return new Stack("python", build, web, "add app.py or main.py, or a Procfile line 'web: .venv/bin/python server.py'",
                Map.of("PYTHONUNBUFFERED", "1"));
    }

    private static Stack java(Path dir) {
        String maven = Files.isRegularFile(dir.resolve("mvnw")) ? "./mvnw" : "mvn";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the jar's name is only known after the build; skip the sources and pre-repackage jars
        String web = "exec \"" + java + "\" -Dserver.port=$PORT -jar \"$(ls target/*.jar | grep -v -e sources -e javadoc -e original | head -1)\"";
        return new Stack("java", maven + " -q -B -DskipTests package", web, null, Map.of());
    }

    private static JsonNode packageJson(Path dir) {
        try {
            return JSON.readTree(Files.readString(dir.resolve("package.json")));
        } catch (JacksonException | IOException e) {
            throw ManifestErrors.invalid("package.json", List.of(new ApiException.FieldError("package.json",
                    "package.json is not valid JSON")));
        }
    }
}
