package dev.coderunner.sso;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * The configured sign-in providers, as Spring Security client registrations. Built on first use, so that an
 * OpenID issuer that is down at start-up only breaks its own button, and is tried again on the next click.
 */
@Component
class SsoProviders implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(SsoProviders.class);
    static final String REDIRECT = "{baseUrl}/login/oauth2/code/{registrationId}";

    /** A provider as the login page lists it. */
    record Provider(String id, String name) {
    }

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, Supplier<ClientRegistration>> builders = new LinkedHashMap<>();
    private final Map<String, ClientRegistration> built = new ConcurrentHashMap<>();
    private final SsoSettings settings;

    SsoProviders(SsoSettings settings) {
        this.settings = settings;
        add("github", settings.github(), c -> CommonOAuth2Provider.GITHUB.getBuilder("github")
                .clientId(c.clientId()).clientSecret(c.clientSecret()).redirectUri(REDIRECT)
                .scope("read:user", "user:email").clientName(c.name()).build());
        add("google", settings.google(), c -> CommonOAuth2Provider.GOOGLE.getBuilder("google")
                .clientId(c.clientId()).clientSecret(c.clientSecret()).redirectUri(REDIRECT).clientName(c.name()).build());
        add("entra", settings.entra(), SsoProviders::entra);
        add("oidc", settings.generic(), c -> ClientRegistrations.fromIssuerLocation(c.extra()).registrationId("oidc")
                .clientId(c.clientId()).clientSecret(c.clientSecret())
                .clientAuthenticationMethod(c.clientSecret().isEmpty() ? ClientAuthenticationMethod.NONE
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .redirectUri(REDIRECT).scope("openid", "profile", "email").clientName(c.name()).build());
    }

    /** Providers in button order. */
    List<Provider> list() {
        return new ArrayList<>(providers.values());
    }

    SsoSettings.Signup signup() {
        return settings.signup();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        Supplier<ClientRegistration> builder = builders.get(registrationId);
        if (builder == null) {
            return null;
        }
        return built.computeIfAbsent(registrationId, id -> {
            try {
                return builder.get();
            } catch (RuntimeException e) {
                log.warn("Single sign-on provider '{}' is not reachable or misconfigured: {}", id, e.toString());
                return null; // not cached: the next sign-in tries again
            }
        });
    }

    private void add(String id, SsoSettings.Client client, java.util.function.Function<SsoSettings.Client, ClientRegistration> build) {
        if (client == null) {
            return;
        }
        providers.put(id, new Provider(id, client.name()));
        builders.put(id, () -> build.apply(client));
    }

    /**
     * Microsoft Entra ID: endpoints of one tenant (or {@code organizations}/{@code common}). With a real tenant
     * the issuer is checked; the multi-tenant endpoints issue tokens whose issuer names each user's tenant.
     */
    private static ClientRegistration entra(SsoSettings.Client c) {
        String base = "https://login.microsoftonline.com/" + c.extra();
        ClientRegistration.Builder b = ClientRegistration.withRegistrationId("entra")
                .clientId(c.clientId()).clientSecret(c.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri(REDIRECT)
                .scope("openid", "profile", "email")
                .authorizationUri(base + "/oauth2/v2.0/authorize").tokenUri(base + "/oauth2/v2.0/token")
                .jwkSetUri(base + "/discovery/v2.0/keys").userInfoUri("https://graph.microsoft.com/oidc/userinfo")
                .userNameAttributeName("sub").clientName(c.name());
        if (!Set.of("common", "organizations", "consumers").contains(c.extra())) {
            b.issuerUri(base + "/v2.0");
        }
        return b.build();
    }

    /** Whether a single tenant is configured for Entra (then its e-mail claim is the tenant's own, and trusted). */
    boolean entraSingleTenant() {
        SsoSettings.Client c = settings.entra();
        return c != null && !Set.of("common", "organizations", "consumers").contains(c.extra());
    }
}
