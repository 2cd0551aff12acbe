package dev.coderunner.deploy;

import java.util.Optional;

import dev.coderunner.access.AppOwner;
import org.springframework.stereotype.Component;

/** {@code /api/v1/deployments/{id}/…} routes are checked against the deployment's app. */
@Component
class DeploymentOwner implements AppOwner {

    private final DeploymentStore store;

    DeploymentOwner(DeploymentStore store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return "deployments";
    }

    @Override
    public String noun() {
        return "deployment";
    }

    @Override
    public Optional<String> appOf(String id) {
        return id == null ? Optional.empty() : store.find(id).map(Deployment::app);
    }
}
