package dev.coderunner.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.coderunner.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics} is for Prometheus, not for users: no login, and no user token is looked at. When
 * {@code CODERUNNER_METRICS_TOKEN} is set, the scraper must send it as {@code Authorization: Bearer <token>}.
 * A chain of its own, ahead of the API's, so a scraper's bearer token is never mistaken for a user's.
 */
@Configuration(proxyBeanMethods = false)
class MetricsEndpointSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain metricsEndpoint(HttpSecurity http, MetricsProperties properties) throws Exception {
        http.securityMatcher("/metrics")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .addFilterBefore(new TokenCheck(properties.token()), AuthorizationFilter.class);
        return http.build();
    }

    /** Compares the bearer token in constant time; lets everything through when no token is configured. */
    static final class TokenCheck extends OncePerRequestFilter {

        private final byte[] expected;

        TokenCheck(String token) {
            this.expected = token == null || token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (expected == null) {
                chain.doFilter(request, response);
                return;
            }
            String header = request.getHeader("Authorization");
            if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                chain.doFilter(request, response);
                return;
            }
            response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Send 'Authorization: Bearer <token>' with the token in CODERUNNER_METRICS_TOKEN.");
        }
    }
}
