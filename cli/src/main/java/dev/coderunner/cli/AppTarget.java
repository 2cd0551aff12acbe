package dev.coderunner.cli;

/** The app and environment a command acts on. */
record AppTarget(String app, String env) {

    /** The {@code /apps/{app}/envs/{env}} prefix of the environment's routes. */
    String path() {
        return "/apps/" + ApiClient.segment(app) + "/envs/" + ApiClient.segment(env);
    }

    String label() {
        return app + " (" + env + ")";
    }
}
