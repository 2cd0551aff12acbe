package dev.coderunner.deploy;

import java.util.EnumSet;
import java.util.Set;

/** The phases of a deployment, with the moves allowed between them written once. */
public enum DeploymentPhase {
    QUEUED, BUILDING, AWAITING_APPROVAL, STARTING, HEALTH_CHECKING, SWITCHING, SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED;

    private static final Set<DeploymentPhase> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED);

    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    public boolean canMoveTo(DeploymentPhase next) {
        if (terminal()) {
            return false;
        }
        if (next == FAILED || next == CANCELLED || next == ROLLED_BACK) {
            return true;
        }
        return next.ordinal() > ordinal();
    }

    /** The name used in the API: lower case with hyphens ({@code health-checking}). */
    public String wire() {
        return name().toLowerCase().replace('_', '-');
    }

    public static DeploymentPhase fromWire(String value) {
        return valueOf(value.toUpperCase().replace('-', '_'));
    }
}
