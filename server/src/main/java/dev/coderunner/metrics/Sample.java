package dev.coderunner.metrics;

import java.util.List;
import java.util.Map;

/**
 * The newest full-resolution sample of one environment: the environment as a whole and each of its
 * instances, in instance order.
 */
record Sample(Point environment, List<Point> instances) {

    static String key(String app, String env) {
        return app + "/" + env;
    }

    /** What the collector saw last, per {@code app/env}; replaced as a whole each interval. */
    record Latest(long epochSecond, Map<String, Sample> byEnv) {
        static final Latest NONE = new Latest(Long.MIN_VALUE, Map.of());
    }
}
