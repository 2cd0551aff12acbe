package dev.coderunner.cli;

/** What {@code login} remembers: the server and a bearer token (a JWT access token or an API token {@code cr_…}). */
record Credentials(String server, String token, String username) {
}
