package dev.coderunner.auth;

import dev.coderunner.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every {@code /api/v1} route but login needs a bearer credential: a JWT access token or an API
 * token ({@code cr_…}). Failures answer 401/403 problem+json. What each caller may do is decided by
 * access.AccessInterceptor from the route, their role, app membership and token scope.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationManagerResolver<HttpServletRequest> bearer) throws Exception {
        http
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(f -> f.deny()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout").permitAll()
                        // Identity: SSO buttons, CLI device login, invitation links (see sso, devicelogin, invitations).
                        .requestMatchers(HttpMethod.GET, "/api/v1/auth/sso/providers").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/device", "/api/v1/auth/device/token",
                                "/api/v1/invitations/lookup", "/api/v1/invitations/accept").permitAll()
                        // The WebSocket handshake authenticates itself (ticket or bearer), see events.RealtimeHandshake.
                        .requestMatchers(HttpMethod.GET, "/api/v1/ws").permitAll()
                        // Who may do what is decided per route by access.AccessInterceptor (roles, membership, scope).
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o
                        .authenticationManagerResolver(bearer)
                        .authenticationEntryPoint((req, res, e) -> Problems.write(res, HttpStatus.UNAUTHORIZED, "unauthorized",
                                "Log in first: send 'Authorization: Bearer <token>' with a valid, unexpired token."))
                        .accessDeniedHandler((req, res, e) -> Problems.write(res, HttpStatus.FORBIDDEN, "forbidden",
                                "Your role or token scope does not allow this.")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> Problems.write(res, HttpStatus.UNAUTHORIZED, "unauthorized",
                                "Log in first: send 'Authorization: Bearer <token>' with a valid, unexpired token."))
                        .accessDeniedHandler((req, res, ex) -> Problems.write(res, HttpStatus.FORBIDDEN, "forbidden",
                                "Your role or token scope does not allow this.")));
        return http.build();
    }

    /** API tokens and JWTs arrive the same way; their prefix says which check applies. */
    @Bean
    AuthenticationManagerResolver<HttpServletRequest> bearerResolver(AccessTokens accessTokens, AuthService auth) {
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(accessTokens.decoder());
        jwt.setJwtAuthenticationConverter((Jwt token) -> {
            User user = auth.user(token.getSubject()).filter(User::active)
                    .orElseThrow(() -> new BadCredentialsException("unknown or deactivated user"));
            return new Principal(user.id(), user.username(), user.role(), null).toAuthentication();
        });
        AuthenticationManager jwtManager = jwt::authenticate;
        AuthenticationManager apiTokenManager = authentication -> {
            String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
            return auth.authenticateApiToken(secret)
                    .map(Principal::toAuthentication)
                    .orElseThrow(() -> new BadCredentialsException("unknown, revoked or expired API token"));
        };
        return request -> {
            String header = request.getHeader("Authorization");
            boolean apiToken = header != null && header.regionMatches(true, 0, "Bearer " + AuthService.API_TOKEN_PREFIX, 0, 10);
            return apiToken ? apiTokenManager : jwtManager;
        };
    }
}
