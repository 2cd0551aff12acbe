package dev.coderunner.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.coderunner.health.HealthCheckSpec;
import dev.coderunner.web.ApiException;

/** Decides how a source is built and run, like Heroku's buildpacks, with coderunner.yaml and Procfile first. */
@Component
public class BuildDetector {

    private final Stacks stacks;

    public BuildDetector(StaticSiteServerInstaller staticServer) {
        this.stacks = new Stacks(staticServer);
    }

    /** The manifest for the source in {@code sourceDir}; an invalid coderunner.yaml or undetectable source is a 422. */
    public Manifest detect(Path sourceDir) {
        Path yamlFile = sourceDir.resolve(ManifestYaml.FILE);
        Path procfile = sourceDir.resolve(Procfile.FILE);
        ManifestYaml.Declared yaml = Files.isRegularFile(yamlFile) ? ManifestYaml.read(yamlFile) : null;
        Map<String, ProcessSpec> declared = yaml != null && yaml.processes() != null ? yaml.processes()
                : Files.isRegularFile(procfile) ? Procfile.read(procfile) : null;
        Optional<Stack> stack = stacks.detect(sourceDir);

        Map<String, ProcessSpec> processes = declared != null ? declared : defaultProcesses(stack);
        String build = yaml != null && yaml.hasBuild() ? yaml.build() : stack.map(Stack::buildCommand).orElse(null);
        Map<String, String> env = new LinkedHashMap<>(stack.map(Stack::env).orElse(Map.of()));
        if (yaml != null) {
            env.putAll(yaml.env());
        }
        String name = yaml != null ? "yaml" : declared != null ? "procfile" : stack.orElseThrow().name();
        return new Manifest(build, processes, Map.copyOf(env), name);
    }

    /** Without a Procfile or processes in the yaml, the stack's web command is the one process. */
    private static Map<String, ProcessSpec> defaultProcesses(Optional<Stack> detected) {
        Stack stack = detected.orElseThrow(() -> ApiException.invalid("undetectable-source",
                "Cannot tell how to build and run this source. Looked for " + Stacks.LOOKED_FOR + "."));
        if (stack.webCommand() == null) {
            throw ApiException.invalid("undetectable-source",
                    "This looks like a " + stack.name() + " app, but there is no way to start it: " + stack.webHint() + ".");
        }
        Map<String, ProcessSpec> processes = new LinkedHashMap<>();
        processes.put("web", new ProcessSpec(stack.webCommand(), 1, HealthCheckSpec.DEFAULT));
        return processes;
    }
}
