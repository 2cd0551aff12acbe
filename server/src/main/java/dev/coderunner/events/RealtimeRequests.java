package dev.coderunner.events;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.coderunner.auth.Principal;
import dev.coderunner.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Answers the request/response messages of {@code /api/v1/ws} with the {@link RealtimeRequest} of their type:
 * {@code {"type":"response","id":…,"data":…}}, or an {@code error} carrying the REST route's status and slug.
 * An error answers only that request; the connection stays open. Requests run on the connection's reading
 * (virtual) thread, one at a time and answered in order; a client with too many answers it has not read yet
 * is refused more until it reads them.
 */
@Component
class RealtimeRequests {

    private static final Logger log = LoggerFactory.getLogger(RealtimeRequests.class);

    private final Map<String, RealtimeRequest> byType;
    private final int maxUnsentResponses;

    RealtimeRequests(List<RealtimeRequest> requests,
            @Value("${coderunner.events.ws-max-unsent-responses:8}") int maxUnsentResponses) {
        this.byType = requests.stream().collect(Collectors.toUnmodifiableMap(RealtimeRequest::type, Function.identity()));
        this.maxUnsentResponses = maxUnsentResponses;
    }

    /** Answers {@code message} if its type is a request's; false when it is not. */
    boolean handle(RealtimeConnection c, String type, Object id, JsonNode message) {
        if (!byType.containsKey(type)) {
            return false;
        }
        if (c.unsentResponses() >= maxUnsentResponses) {
            c.respond(error(id, "too-many-requests", 429, "At most " + maxUnsentResponses
                    + " answers wait to be sent per connection; read them before asking more.", List.of()));
        } else {
            c.respond(answer(c.principal(), type, id, message));
        }
        return true;
    }

    private Map<String, Object> answer(Principal caller, String type, Object id, JsonNode message) {
        try {
            Object data = byType.get(type).answer(caller, new RealtimeRequest.Message(message));
            Map<String, Object> m = RealtimeConnection.reply("response", id);
            m.put("data", data);
            return m;
        } catch (ApiException e) {
            return error(id, e.type(), e.status().value(), e.getMessage(), e.errors());
        } catch (RuntimeException e) {
            log.error("WebSocket request {} failed", type, e);
            return error(id, "internal-error", 500, "Something went wrong on our side; the error was logged.", List.of());
        }
    }

    private static Map<String, Object> error(Object id, String code, int status, String detail, List<ApiException.FieldError> errors) {
        Map<String, Object> m = RealtimeConnection.reply("error", id);
        m.put("code", code);
        m.put("status", status);
        m.put("detail", detail);
        if (!errors.isEmpty()) {
            m.put("errors", errors);
        }
        return m;
    }
}
