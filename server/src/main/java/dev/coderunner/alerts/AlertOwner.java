package dev.coderunner.alerts;

import java.util.Optional;

import dev.coderunner.access.AppOwner;
import org.springframework.stereotype.Component;

/** {@code /api/v1/alerts/{id}/…} routes are checked against the alert's app: an alert id is no way into another app. */
@Component
class AlertOwner implements AppOwner {

    private final AlertStore store;

    AlertOwner(AlertStore store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return "alerts";
    }

    @Override
    public String noun() {
        return "alert";
    }

    @Override
    public Optional<String> appOf(String id) {
        return id == null ? Optional.empty() : store.find(id).map(Alert::app);
    }
}
