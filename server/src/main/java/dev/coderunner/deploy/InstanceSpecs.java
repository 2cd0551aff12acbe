package dev.coderunner.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.build.ProcessSpec;
import dev.coderunner.health.HealthCheckSpec;
import dev.coderunner.release.Release;
import dev.coderunner.runtime.InstanceSpec;
import org.springframework.stereotype.Component;

/**
 * Turns a release's process type into what the runtime starts. Only an allowlist of the control
 * plane's own environment is passed on, then the manifest's env, the release's config, and the
 * variables CodeRunner owns ({@code PORT} for web, {@code CODERUNNER_*}).
 */
@Component
class InstanceSpecs {

    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER", "JAVA_HOME");

    InstanceSpec spec(Release release, String processType, int index, String uid, int port) {
        ProcessSpec process = release.manifest().processes().get(processType);
        Map<String, String> env = new HashMap<>();
        for (String name : INHERITED) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        if (release.manifest().env() != null) {
            env.putAll(release.manifest().env());
        }
        env.putAll(release.config().merged());
        env.put("CODERUNNER_APP", release.app());
        env.put("CODERUNNER_ENV", release.env());
        env.put("CODERUNNER_RELEASE", release.label());
        env.put("CODERUNNER_INSTANCE", processType + "." + index);
        if (port > 0) {
            env.put("PORT", Integer.toString(port));
        }
        return new InstanceSpec(uid, release.app(), release.env(), release.version(), processType, index, process.command(),
                Path.of(release.slug()), Map.copyOf(env), port);
    }

    static boolean routed(String processType) {
        return "web".equals(processType);
    }

    HealthCheckSpec health(Release release, String processType) {
        ProcessSpec process = release.manifest().processes().get(processType);
        return process == null || process.health() == null ? HealthCheckSpec.DEFAULT : process.health();
    }
}
