package dev.coderunner.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.coderunner.web.ApiException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A rule as a request describes it, checked field by field so that every mistake is reported at once
 * ({@code errors[]} of a {@code invalid-alert-rule} problem).
 */
record RuleRequest(String name, AlertMetric metric, Comparison comparison, double threshold, Duration forDuration,
        double resolveThreshold, Severity severity, List<String> channels, boolean enabled) {

    static final Duration MAX_FOR = Duration.ofHours(24);

    static RuleRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid-alert-rule", "The body is a JSON object describing the rule.");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        String name = body.path("name").asString("").strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new ApiException.FieldError("name", "1–100 characters"));
        }
        AlertMetric metric = AlertMetric.fromWire(body.path("metric").asString("")).orElse(null);
        if (metric == null) {
            errors.add(new ApiException.FieldError("metric", "one of " + String.join(", ", AlertMetric.wireNames())));
        }
        Comparison comparison = Comparison.fromSymbol(body.path("comparison").asString("")).orElse(null);
        if (comparison == null) {
            errors.add(new ApiException.FieldError("comparison", "one of >, >=, <, <="));
        }
        Double threshold = number(body.get("threshold"));
        if (threshold == null) {
            errors.add(new ApiException.FieldError("threshold", "a finite number"));
        }
        Duration forDuration = duration(body.get("for"), errors);
        Double resolve = body.hasNonNull("resolveThreshold") ? number(body.get("resolveThreshold")) : threshold;
        if (resolve == null && body.hasNonNull("resolveThreshold")) {
            errors.add(new ApiException.FieldError("resolveThreshold", "a finite number"));
        } else if (resolve != null && threshold != null && comparison != null
                && (comparison.upward() ? resolve > threshold : resolve < threshold)) {
            errors.add(new ApiException.FieldError("resolveThreshold", comparison.upward()
                    ? "at most the threshold: the alert resolves once the value is below it"
                    : "at least the threshold: the alert resolves once the value is above it"));
        }
        Severity severity = body.hasNonNull("severity") ? Severity.fromWire(body.path("severity").asString("")).orElse(null) : Severity.WARNING;
        if (severity == null) {
            errors.add(new ApiException.FieldError("severity", "info, warning or critical"));
        }
        List<String> channels = new ArrayList<>();
        JsonNode list = body.get("channels");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > 10) {
                errors.add(new ApiException.FieldError("channels", "a list of at most 10 channel ids"));
            } else {
                list.forEach(c -> channels.add(c.asString("")));
            }
        }
        JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            errors.add(new ApiException.FieldError("enabled", "true or false"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-alert-rule", "The alert rule has invalid fields.", errors);
        }
        return new RuleRequest(name, metric, comparison, threshold, forDuration, resolve, severity, List.copyOf(channels),
                enabled == null || enabled.isNull() || enabled.asBoolean());
    }

    private static Double number(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return null;
        }
        double v = n.asDouble();
        return Double.isFinite(v) ? v : null;
    }

    /** {@code for}: "30s", "5m", "1h", ISO-8601 ("PT30S") or a number of seconds; absent means at once. */
    private static Duration duration(JsonNode n, List<ApiException.FieldError> errors) {
        if (n == null || n.isNull()) {
            return Duration.ZERO;
        }
        Duration d = null;
        try {
            if (n.isIntegralNumber()) {
                d = Duration.ofSeconds(n.asLong());
            } else if (n.isString()) {
                d = DurationStyle.detectAndParse(n.asString());
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.compareTo(MAX_FOR) > 0) {
            errors.add(new ApiException.FieldError("for", "a duration from 0s to 24h, such as 30s or 5m"));
            return Duration.ZERO;
        }
        return d;
    }
}
