package dev.coderunner.events;

import java.util.ArrayList;
import java.util.List;

import dev.coderunner.auth.Principal;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A request/response message on {@code /api/v1/ws} ({@code {"type":"get_metrics","id":…,…}}, docs/realtime.md),
 * answered by the capability that owns the data exactly as its REST route answers. Capabilities provide them as
 * beans, as access provides the {@link ChannelGuard}: events depends on none of them.
 */
public interface RealtimeRequest {

    /** The message {@code type} this answers, e.g. {@code get_metrics}; one bean per type. */
    String type();

    /**
     * The reply's {@code data}: the body the REST route would answer this caller. Checks the caller's rights as
     * that route does; refusals and bad fields are thrown as {@link ApiException}s, with the route's status and slug.
     */
    Object answer(Principal caller, Message message);

    /** The fields of a request message, read with the checks every request shares: a bad field answers 400 naming it. */
    final class Message {

        private final JsonNode json;

        Message(JsonNode json) {
            this.json = json;
        }

        /** A string field that must be present and not empty. */
        public String required(String field) {
            String value = text(field, null);
            if (value == null || value.isEmpty()) {
                throw bad("missing-field", field, "'" + field + "' is required.");
            }
            return value;
        }

        /** An optional string field; {@code fallback} when absent or null. */
        public String text(String field, String fallback) {
            JsonNode v = json.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isString()) {
                throw bad("invalid-field", field, "'" + field + "' must be a string.");
            }
            return v.asString();
        }

        /** An optional array of strings; null when absent or null. */
        public List<String> texts(String field) {
            JsonNode v = json.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            if (v.isArray()) {
                for (JsonNode e : v) {
                    if (!e.isString()) {
                        break;
                    }
                    out.add(e.asString());
                }
            }
            if (!v.isArray() || out.size() != v.size()) {
                throw bad("invalid-field", field, "'" + field + "' must be an array of strings.");
            }
            return out;
        }

        /** An optional whole number; null when absent or null. */
        public Integer integer(String field) {
            JsonNode v = json.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad("invalid-field", field, "'" + field + "' must be a whole number.");
            }
            return v.asInt();
        }

        private static ApiException bad(String type, String field, String detail) {
            return new ApiException(HttpStatus.BAD_REQUEST, type, detail, List.of(new ApiException.FieldError(field, detail)));
        }
    }
}
