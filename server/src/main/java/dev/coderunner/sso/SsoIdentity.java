package dev.coderunner.sso;

import java.util.Map;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Who a provider says signed in: its stable subject id, an e-mail address only when the provider vouches
 * for it ({@code verifiedEmail}, else null), and a username wish for a new account.
 */
record SsoIdentity(String provider, String subject, String verifiedEmail, String usernameWish) {

    /** Reads the provider's user; {@code trustEmailClaim} is for Entra single-tenant, which sends no email_verified. */
    static SsoIdentity from(String provider, OAuth2User user, boolean trustEmailClaim) {
        if (user instanceof OidcUser oidc) {
            String email = oidc.getEmail();
            boolean verified = Boolean.TRUE.equals(oidc.getEmailVerified()) || "true".equals(String.valueOf(oidc.getClaims().get("email_verified")))
                    || trustEmailClaim;
            String wish = oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : email;
            return new SsoIdentity(provider, oidc.getSubject(), verified ? email : null, localPart(wish));
        }
        // GitHub (plain OAuth 2.0): numeric id, login, and the primary verified address GitHubUsers looked up.
        Map<String, Object> a = user.getAttributes();
        Object email = a.get(GitHubUsers.VERIFIED_EMAIL);
        Object login = a.get("login");
        return new SsoIdentity(provider, String.valueOf(a.get("id")), email == null ? null : email.toString(),
                login == null ? null : login.toString());
    }

    private static String localPart(String wish) {
        if (wish == null) {
            return null;
        }
        int at = wish.indexOf('@');
        return at > 0 ? wish.substring(0, at) : wish;
    }
}
