package dev.coderunner.access;

/**
 * What a request does to an app, from least to most powerful. The route rules turn every
 * {@code /api/v1/apps/{app}/…} route into one of these (see {@link RouteRules}).
 */
public enum Action {
    /** See the app: status, releases, logs, metrics, masked config. */
    READ,
    /** Run it: start, stop, restart, scale, roll back, cancel a deployment, approve. */
    OPERATE,
    /** Ship new code: upload a source, promote a release. */
    DEPLOY,
    /** Change how it runs: config and secrets (and revealing them), settings, environments, drains, policies. */
    CONFIGURE,
    /** Delete the app and manage its members. Admins only. */
    MANAGE;

    public String wire() {
        return name().toLowerCase();
    }
}
