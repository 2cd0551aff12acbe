package dev.coderunner.access;

import java.util.Optional;

/**
 * Tells which app a resource addressed by id belongs to, so that {@code /api/v1/<collection>/{id}/…}
 * routes are checked like the app's own routes (a deployment id is not a way into another app).
 * A capability whose API has such routes provides one bean.
 */
public interface AppOwner {

    /** The first path segment after {@code /api/v1/}, e.g. {@code deployments}. */
    String collection();

    /** The singular noun for "not found" answers, e.g. {@code deployment}. */
    String noun();

    /** The app that owns {@code id}, or empty when there is no such resource. */
    Optional<String> appOf(String id);
}
