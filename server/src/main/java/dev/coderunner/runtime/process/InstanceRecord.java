package dev.coderunner.runtime.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.coderunner.runtime.InstanceSpec;

/**
 * What is written to the pid file so a restarted control plane can re-adopt the instance.
 * Deliberately without the environment: it holds secrets.
 */
record InstanceRecord(String uid, String app, String env, int release, String processType, int index, String command, String workDir,
        int port, long pid, Instant startedAt) {

    static InstanceRecord of(InstanceSpec spec, long pid, Instant startedAt) {
        return new InstanceRecord(spec.uid(), spec.app(), spec.env(), spec.release(), spec.processType(), spec.index(), spec.command(),
                spec.workDir().toString(), spec.port(), pid, startedAt);
    }

    InstanceSpec spec() {
        return new InstanceSpec(uid, app, env, release, processType, index, command, Path.of(workDir), Map.of(), port);
    }
}
