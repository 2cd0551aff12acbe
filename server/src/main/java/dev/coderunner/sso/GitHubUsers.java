package dev.coderunner.sso;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * GitHub is OAuth 2.0 without OpenID: its user API shows the public e-mail, which GitHub does not vouch for.
 * So the primary, verified address is read from {@code /user/emails} (scope {@code user:email}).
 */
class GitHubUsers implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

    static final String VERIFIED_EMAIL = "coderunner_verified_email";

    private final DefaultOAuth2UserService plain = new DefaultOAuth2UserService();
    private final RestClient http = RestClient.create();

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) throws OAuth2AuthenticationException {
        OAuth2User user = plain.loadUser(request);
        if (!"github".equals(request.getClientRegistration().getRegistrationId())) {
            return user;
        }
        Map<String, Object> attributes = new HashMap<>(user.getAttributes());
        String email = primaryVerifiedEmail(request);
        if (email != null) {
            attributes.put(VERIFIED_EMAIL, email);
        }
        return new DefaultOAuth2User(user.getAuthorities(), attributes, "id");
    }

    private String primaryVerifiedEmail(OAuth2UserRequest request) {
        String userInfo = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri();
        try {
            List<Map<String, Object>> emails = http.get().uri(userInfo.replaceAll("/user$", "") + "/user/emails")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + request.getAccessToken().getTokenValue())
                    .header(HttpHeaders.ACCEPT, "application/vnd.github+json")
                    .retrieve().body(new ParameterizedTypeReference<>() {
                    });
            if (emails == null) {
                return null;
            }
            return emails.stream()
                    .filter(e -> Boolean.TRUE.equals(e.get("primary")) && Boolean.TRUE.equals(e.get("verified")))
                    .map(e -> String.valueOf(e.get("email"))).findFirst().orElse(null);
        } catch (RestClientException e) {
            return null; // no verified e-mail: the account can still sign in by its GitHub id once linked
        }
    }
}
