package dev.coderunner.router;

/** One instance the router may send requests to. */
public record Backend(String instanceId, String host, int port) {
}
