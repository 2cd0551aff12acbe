package dev.coderunner.runtime;

import java.util.List;

/**
 * Where instances run: child processes on this machine ({@code ProcessRuntime}) or pods on Kubernetes.
 * A runtime starts and stops single instances; keeping the right number alive is the supervisor's job.
 */
public interface Runtime {

    /** Starts an instance and returns once it exists (not once it is healthy). */
    InstanceHandle start(InstanceSpec spec);

    /** Instances an earlier control plane left running that are verifiably still the same (pid and start time). */
    List<InstanceHandle> adopt();

    /** The last {@code lines} lines the instance wrote (stdout and stderr), for start-up failure reports. */
    List<String> recentOutput(InstanceSpec spec, int lines);

    /** Forgets the record of an instance that has ended, so it is not adopted again. */
    void forget(InstanceSpec spec);
}
