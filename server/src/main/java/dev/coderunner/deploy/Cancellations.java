package dev.coderunner.deploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** Deployments someone asked to cancel; the runner checks between steps and while waiting for instances. */
@Component
class Cancellations {

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    void cancel(String deploymentId, String reason) {
        reasons.putIfAbsent(deploymentId, reason);
    }

    boolean isCancelled(String deploymentId) {
        return reasons.containsKey(deploymentId);
    }

    String reason(String deploymentId) {
        return reasons.getOrDefault(deploymentId, "cancelled");
    }
}
