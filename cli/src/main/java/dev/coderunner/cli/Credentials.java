package dev.coderunner.cli;

/**
 * What {@code login} remembers: the server and a bearer token (an API token {@code cr_…}, or a JWT access token
 * from an older server), and the API token's id when login created it, so {@code logout} can revoke it.
 */
record Credentials(String server, String token, String username, String tokenId) {

    Credentials(String server, String token, String username) {
        this(server, token, username, null);
    }
}
