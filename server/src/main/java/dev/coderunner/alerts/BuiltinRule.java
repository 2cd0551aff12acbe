package dev.coderunner.alerts;

import java.util.Arrays;
import java.util.Optional;

/** The rules every environment has from the start, driven by runtime and deploy events; each can be turned off per environment. */
enum BuiltinRule {
    CRASH_LOOP("crash-loop", "Crash loop", Severity.CRITICAL, "An instance keeps crashing soon after it starts."),
    HEALTH_FAILING("health-failing", "Health check failing", Severity.CRITICAL,
            "An instance of the serving release fails its health check."),
    DEPLOY_FAILED("deploy-failed", "Deploy failed or rolled back", Severity.WARNING,
            "A deployment failed or was rolled back; resolves with the next successful deployment.");

    private final String kind;
    private final String title;
    private final Severity severity;
    private final String description;

    BuiltinRule(String kind, String title, Severity severity, String description) {
        this.kind = kind;
        this.title = title;
        this.severity = severity;
        this.description = description;
    }

    String kind() {
        return kind;
    }

    String title() {
        return title;
    }

    Severity severity() {
        return severity;
    }

    String description() {
        return description;
    }

    static Optional<BuiltinRule> fromKind(String kind) {
        return Arrays.stream(values()).filter(b -> b.kind.equals(kind)).findFirst();
    }
}
