package dev.coderunner.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.coderunner.CodeRunnerHome;
import dev.coderunner.Ids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Short-lived JWT access tokens, signed HS256 with a key kept in {@code $CODERUNNER_HOME/keys/jwt.key}
 * so that tokens survive a restart of the control plane.
 */
@Component
public class AccessTokens {

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final Clock clock;
    private final Duration lifetime;

    AccessTokens(CodeRunnerHome home, Clock clock, @Value("${coderunner.auth.access-token-lifetime:15m}") Duration lifetime) {
        SecretKey key = new SecretKeySpec(loadOrCreateKey(home.dir("keys").resolve("jwt.key")), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps.setClock(clock);   // the same clock that issues them, so expiry is tested without sleeping
        this.decoder.setJwtValidator(timestamps);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record Issued(String token, Instant expiresAt, long expiresIn) {
    }

    public Issued issue(User user) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("coderunner").subject(user.id()).id(Ids.random(12))
                .issuedAt(now).notBefore(now).expiresAt(expires)
                .claim("name", user.username()).claim("role", user.role().name())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
        return new Issued(token, expires, lifetime.toSeconds());
    }

    JwtDecoder decoder() {
        return decoder;
    }

    private static byte[] loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token signing key " + file, e);
        }
    }
}
