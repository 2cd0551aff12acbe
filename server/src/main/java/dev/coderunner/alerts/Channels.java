package dev.coderunner.alerts;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.coderunner.Ids;
import dev.coderunner.auth.Principal;
import dev.coderunner.config.SecretBox;
import dev.coderunner.mail.Mailer;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Notification channels: checks what a request describes, keeps URLs and keys encrypted with the config
 * {@link SecretBox}, and shows channels masked (the host of a URL, never a key).
 */
@Component
class Channels {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+");
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {
    };

    private final ChannelStore store;
    private final SecretBox box;
    private final AlertsProperties properties;
    private final Mailer mailer;
    private final Clock clock;

    Channels(ChannelStore store, SecretBox box, AlertsProperties properties, Mailer mailer, Clock clock) {
        this.store = store;
        this.box = box;
        this.properties = properties;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** A new channel and, for a webhook whose signing secret was generated, that secret (shown once). */
    record Created(AlertChannel channel, String generatedSecret) {
    }

    Created create(String app, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid-alert-channel", "The body is a JSON object describing the channel.");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        String name = body.path("name").asString("").strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new ApiException.FieldError("name", "1–100 characters"));
        }
        ChannelType type = ChannelType.fromWire(body.path("type").asString("")).orElse(null);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        String generated = null;
        if (type == null) {
            errors.add(new ApiException.FieldError("type", "webhook, slack, pagerduty or email"));
        } else {
            switch (type) {
                case WEBHOOK -> {
                    url(body, "url", errors).ifPresent(u -> secrets.put("url", u));
                    String secret = body.path("secret").asString("");
                    if (secret.isEmpty()) {
                        secret = Ids.random(32);
                        generated = secret;
                    } else if (secret.length() < 16 || secret.length() > 200) {
                        errors.add(new ApiException.FieldError("secret", "16–200 characters (or leave it out to get a generated one)"));
                    }
                    secrets.put("secret", secret);
                }
                case SLACK -> url(body, "url", errors).ifPresent(u -> secrets.put("url", u));
                case PAGERDUTY -> {
                    String key = body.path("routingKey").asString("").strip();
                    if (key.isEmpty() || key.length() > 100) {
                        errors.add(new ApiException.FieldError("routingKey", "the integration (routing) key of a PagerDuty service"));
                    }
                    secrets.put("routingKey", key);
                    if (body.hasNonNull("url")) {
                        url(body, "url", errors).ifPresent(u -> settings.put("url", u));
                    }
                }
                case EMAIL -> {
                    List<String> to = new ArrayList<>();
                    body.path("to").forEach(a -> to.add(a.asString("").strip()));
                    if (to.isEmpty() || to.size() > 20 || !to.stream().allMatch(a -> EMAIL.matcher(a).matches())) {
                        errors.add(new ApiException.FieldError("to", "1–20 email addresses"));
                    }
                    if (!mailer.configured()) {
                        errors.add(new ApiException.FieldError("type",
                                "email needs a mail server: set CODERUNNER_SMTP_HOST (and _PORT, _USER, _PASSWORD, _FROM)"));
                    }
                    settings.put("to", String.join(",", to));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-alert-channel", "The channel has invalid fields.", errors);
        }
        if (store.count(app) >= properties.maxChannels()) {
            throw ApiException.conflict("too-many-channels", "At most " + properties.maxChannels() + " channels "
                    + (app == null ? "are global." : "per app."));
        }
        String id = Ids.newId("chn");
        AlertChannel draft = new AlertChannel(id, app, name, type, settings, null, clock.instant(), Principal.current().username(), 0, 0,
                null, null);
        String cipher = secrets.isEmpty() ? null : box.encrypt(AlertRuleStore.JSON.writeValueAsString(secrets), draft.secretContext());
        AlertChannel channel = new AlertChannel(id, app, name, type, settings, cipher, draft.createdAt(), draft.createdBy(), 0, 0, null, null);
        store.insert(channel);
        return new Created(channel, generated);
    }

    /** The decrypted secret parts of a channel (for delivery only, never for the API). */
    Map<String, String> secrets(AlertChannel c) {
        return c.secretCipher() == null ? Map.of() : AlertRuleStore.JSON.readValue(box.decrypt(c.secretCipher(), c.secretContext()), SECRETS);
    }

    /** What the API shows of a channel: where it points, masked, and how its deliveries went. */
    Map<String, Object> view(AlertChannel c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("app", c.app());
        v.put("global", c.app() == null);
        v.put("name", c.name());
        v.put("type", c.type().wire());
        v.put("target", target(c));
        v.put("sent", c.sent());
        v.put("failed", c.failed());
        v.put("lastError", c.lastError());
        v.put("lastErrorAt", c.lastErrorAt());
        v.put("createdAt", c.createdAt());
        v.put("createdBy", c.createdBy());
        return v;
    }

    private String target(AlertChannel c) {
        return switch (c.type()) {
            case EMAIL -> c.settings().get("to");
            case PAGERDUTY -> host(c.settings().getOrDefault("url", properties.pagerdutyUrl()));
            case WEBHOOK, SLACK -> host(secrets(c).get("url"));
        };
    }

    /** Only scheme and host: the path of a Slack or webhook URL is its secret. */
    private static String host(String url) {
        if (url == null) {
            return null;
        }
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/…";
    }

    private static java.util.Optional<String> url(JsonNode body, String field, List<ApiException.FieldError> errors) {
        String value = body.path(field).asString("").strip();
        try {
            URI u = URI.create(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && value.length() <= 2000) {
                return java.util.Optional.of(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(new ApiException.FieldError(field, "an http:// or https:// URL"));
        return java.util.Optional.empty();
    }
}
