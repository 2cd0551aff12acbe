package dev.coderunner.sso;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.coderunner.auth.Accounts;
import dev.coderunner.auth.User;
import dev.coderunner.web.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Single sign-on in its own filter chain, ahead of the stateless API chain: only {@code /oauth2/**} (start)
 * and {@code /login/oauth2/**} (the provider's redirect back) use an HTTP session, and only to carry the
 * OAuth state between those two requests. A successful sign-in becomes an ordinary dashboard session
 * (the refresh cookie) and the HTTP session is discarded.
 */
@Configuration(proxyBeanMethods = false)
class SsoSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SsoSecurityConfig.class);
    static final String INVITATION_ATTRIBUTE = "coderunner.sso.invitation";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain sso(HttpSecurity http, SsoProviders providers, SsoLogin login, Accounts accounts) throws Exception {
        OidcUserService oidc = new OidcUserService();
        GitHubUsers github = new GitHubUsers();
        http
                .securityMatcher("/oauth2/**", "/login/oauth2/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(c -> c.disable())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .addFilterBefore(new SignInStart(providers), OAuth2AuthorizationRequestRedirectFilter.class)
                .oauth2Login(o -> o
                        .clientRegistrationRepository(providers)
                        .loginPage("/login")
                        .userInfoEndpoint(u -> u.oidcUserService(oidc).userService(github))
                        .successHandler((request, response, authentication) -> {
                            OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
                            String provider = token.getAuthorizedClientRegistrationId();
                            SsoIdentity identity = SsoIdentity.from(provider, token.getPrincipal(),
                                    "entra".equals(provider) && providers.entraSingleTenant());
                            String invitation = takeInvitation(request);
                            SecurityContextHolder.clearContext();
                            endHttpSession(request);
                            try {
                                User user = login.resolve(identity, invitation);
                                accounts.startDashboardSession(user, request, response);
                                response.sendRedirect("/");
                            } catch (SsoLogin.Refused | ApiException e) {
                                refuse(response, e.getMessage());
                            }
                        })
                        .failureHandler((request, response, e) -> {
                            endHttpSession(request);
                            refuse(response, describe(e));
                        }));
        return http.build();
    }

    /**
     * At {@code /oauth2/authorization/{id}}: sends an unknown or unreachable provider back to the login page
     * with a message, and remembers the invitation a sign-in was started from ({@code ?invitation=…}).
     */
    static final class SignInStart extends OncePerRequestFilter {
        private static final String PREFIX = "/oauth2/authorization/";
        private final SsoProviders providers;

        SignInStart(SsoProviders providers) {
            this.providers = providers;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            if (path.startsWith(PREFIX)) {
                if (providers.findByRegistrationId(path.substring(PREFIX.length())) == null) {
                    refuse(response, "This sign-in provider is not configured or cannot be reached right now.");
                    return;
                }
                String invitation = request.getParameter("invitation");
                if (invitation != null && invitation.length() <= 100) {
                    request.getSession(true).setAttribute(INVITATION_ATTRIBUTE, invitation);
                }
            }
            chain.doFilter(request, response);
        }
    }

    private static String takeInvitation(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(INVITATION_ATTRIBUTE);
    }

    private static void endHttpSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private static String describe(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException o && o.getError() != null) {
            log.info("Single sign-on failed: {} {}", o.getError().getErrorCode(), o.getError().getDescription());
            return switch (o.getError().getErrorCode()) {
                case "access_denied" -> "Sign-in was cancelled at the provider.";
                case "authorization_request_not_found" -> "The sign-in took too long or was started in another browser. Try again.";
                default -> "Sign-in with the provider failed (" + o.getError().getErrorCode() + "). Try again or ask an admin.";
            };
        }
        log.info("Single sign-on failed: {}", e.toString());
        return "Sign-in with the provider failed. Try again or ask an admin.";
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        response.sendRedirect("/login?sso_error=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }
}
