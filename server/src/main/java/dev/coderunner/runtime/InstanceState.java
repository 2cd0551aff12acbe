package dev.coderunner.runtime;

/** The observed state of one instance. */
public enum InstanceState {
    /** Process launched; not yet answering on its port. */
    STARTING,
    /** Up, with no health verdict (process types without a port). */
    RUNNING,
    /** Answering its health check: receives traffic. */
    HEALTHY,
    /** Up but failing its health check: gets no traffic. */
    UNHEALTHY,
    /** Exited on its own; waiting for a restart with backoff. */
    CRASHED,
    /** Being drained and asked to stop. */
    STOPPING,
    /** Gone, on purpose. */
    STOPPED;

    public String wire() {
        return name().toLowerCase();
    }
}
