package dev.coderunner.logs;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.coderunner.app.AppService;
import dev.coderunner.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET …/logs} (JSON pages), the same with {@code Accept: text/event-stream} to follow (each entry as
 * {@code id: <cursor>} + {@code data: <entry>}, resumed with {@code Last-Event-ID}), disk use and retention.
 */
@RestController
@RequestMapping("/api/v1/apps/{app}/envs/{env}/logs")
class LogsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final int FOLLOW_BATCH = 1000;

    private final LogService logs;
    private final LogDrains drains;
    private final AppService apps;
    private final Clock clock;

    LogsController(LogService logs, LogDrains drains, AppService apps, Clock clock) {
        this.logs = logs;
        this.drains = drains;
        this.apps = apps;
        this.clock = clock;
    }

    @GetMapping
    LogService.Page query(@PathVariable String app, @PathVariable String env, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(required = false) String level,
            @RequestParam(required = false) String instance, @RequestParam(required = false) String process,
            @RequestParam(required = false) Integer release, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "false") boolean regex, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String order, @RequestParam(required = false) String cursor) {
        apps.requireEnvironment(app, env);
        return logs.query(app, env, LogQuery.parse(since, until, level, instance, process, release, q, regex, limit, order, cursor, 100, clock));
    }

    // Only an explicit Accept: text/event-stream follows; anything else gets a page.
    @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE, headers = "Accept=text/event-stream")
    void follow(@PathVariable String app, @PathVariable String env, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(required = false) String level,
            @RequestParam(required = false) String instance, @RequestParam(required = false) String process,
            @RequestParam(required = false) Integer release, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "false") boolean regex, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletResponse response) throws IOException, InterruptedException {
        apps.requireEnvironment(app, env);
        LogQuery query = LogQuery.parse(since, until, level, instance, process, release, q, regex, limit, null, null,
                logs.properties().recent() == 0 ? 1 : logs.properties().recent(), clock);
        Long resume = LogQuery.cursor("Last-Event-ID", lastEventId != null ? lastEventId : cursor);
        EnvLog log = logs.log(app, env);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        PrintWriter out = response.getWriter();
        out.write(": following " + app + "/" + env + "\n\n");
        out.flush();
        new Follower(log, query, out).run(resume);
    }

    @GetMapping("/usage")
    Map<String, Object> usage(@PathVariable String app, @PathVariable String env) {
        apps.requireEnvironment(app, env);
        return logs.usage(app, env);
    }

    record RetentionRequest(String maxAge, String maxSize) {
    }

    @PutMapping("/retention")
    Map<String, Object> retention(@PathVariable String app, @PathVariable String env, @RequestBody RetentionRequest body) {
        apps.requireEnvironment(app, env);
        LogSettingsStore.Retention current = logs.retention(app, env);
        Duration age = current.maxAge();
        long size = current.maxBytes();
        try {
            if (body.maxAge() != null) {
                long micros = LogQuery.time("maxAge", body.maxAge(), Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC), 0);
                age = Duration.ofNanos(-micros * 1000);
            }
            if (body.maxSize() != null) {
                size = DataSize.parse(body.maxSize()).toBytes();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("invalid-retention", "maxSize must be a size such as 500MB or 2GB.");
        }
        if (age.compareTo(Duration.ofMinutes(1)) < 0 || size < 1024 * 1024) {
            throw ApiException.invalid("invalid-retention", "Keep logs for at least 1m and at least 1MB.");
        }
        logs.setRetention(app, env, new LogSettingsStore.Retention(age, size));
        return logs.usage(app, env);
    }

    record DrainRequest(String url) {
    }

    record DrainView(String id, String url, String kind, String sentCursor, String createdAt) {
        static DrainView of(LogDrain d) {
            return new DrainView(d.id(), d.safeUrl(), d.kind().name().toLowerCase(java.util.Locale.ROOT), Long.toString(d.sentCursor()),
                    d.createdAt().toString());
        }
    }

    @GetMapping("/drains")
    Map<String, Object> drains(@PathVariable String app, @PathVariable String env) {
        apps.requireEnvironment(app, env);
        return Map.of("items", drains.list(app, env).stream().map(DrainView::of).toList());
    }

    @PostMapping("/drains")
    ResponseEntity<DrainView> addDrain(@PathVariable String app, @PathVariable String env, @RequestBody DrainRequest body) {
        apps.requireEnvironment(app, env);
        if (body == null || body.url() == null || body.url().length() > 2000) {
            throw ApiException.invalid("invalid-drain", "A drain needs a url: syslog+tcp://host:port or https://host/path.");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(DrainView.of(drains.add(app, env, body.url())));
    }

    @DeleteMapping("/drains/{id}")
    ResponseEntity<Void> removeDrain(@PathVariable String app, @PathVariable String env, @PathVariable String id) {
        apps.requireEnvironment(app, env);
        drains.remove(app, env, id);
        return ResponseEntity.noContent().build();
    }

    /** One SSE follower: catches up from the store, then waits for new entries; a slow client only slows itself. */
    private final class Follower {
        private final EnvLog log;
        private final LogQuery query;
        private final PrintWriter out;

        Follower(EnvLog log, LogQuery query, PrintWriter out) {
            this.log = log;
            this.query = query;
            this.out = out;
        }

        void run(Long resume) throws InterruptedException {
            long after;
            if (resume != null) {
                after = resume;
            } else if (query.sinceMicros() != Long.MIN_VALUE) {
                after = 0;
            } else {
                long top = log.lastSeq();
                List<LogEntry> recent = log.scanBackward(top + 1, Long.MIN_VALUE, query.untilMicros(), query.filter(), query.limit());
                if (!send(recent.reversed())) {
                    return;
                }
                after = top;
            }
            if (resume != null && after < log.firstSeq() - 1) {
                out.write(": gap missed=" + (log.firstSeq() - 1 - after) + " (removed by retention)\n\n");
            }
            while (!logs.closing()) {
                long top = log.lastSeq();
                List<LogEntry> batch = log.scanForward(after, query.sinceMicros(), query.untilMicros(), query.filter(), FOLLOW_BATCH);
                if (!send(batch)) {
                    return;
                }
                after = batch.isEmpty() ? Math.max(top, after) : batch.size() < FOLLOW_BATCH ? Math.max(top, batch.getLast().seq()) : batch.getLast().seq();
                if (batch.size() < FOLLOW_BATCH && !log.awaitAfter(after, KEEPALIVE)) {
                    out.write(": keep-alive\n\n");
                    out.flush();
                    if (out.checkError()) {
                        return;
                    }
                }
            }
        }

        private boolean send(List<LogEntry> entries) {
            if (entries.isEmpty()) {
                return true;
            }
            StringBuilder b = new StringBuilder(entries.size() * 160);
            for (LogEntry e : entries) {
                b.append("id: ").append(e.seq()).append('\n').append("data: ").append(JSON.writeValueAsString(e.view())).append("\n\n");
            }
            out.write(b.toString());
            out.flush();
            return !out.checkError();
        }
    }
}
