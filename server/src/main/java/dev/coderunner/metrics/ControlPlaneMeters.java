package dev.coderunner.metrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps the control plane's own Micrometer meters (JVM, HTTP, connection pool, scheduler) clean for
 * Prometheus, so {@code promtool check metrics} finds nothing to lint: drops the few meters whose
 * names break its conventions or carry class names (Spring Security's per-filter meters grow with the
 * filter chain), and gives every meter a help text.
 */
@Configuration(proxyBeanMethods = false)
class ControlPlaneMeters {

    @Bean
    MeterFilter dropUnconventionalMeters() {
        // jvm_compilation_time_ms_total and process_cpu_time_ns_total use abbreviated units,
        // system_cpu_count ends in _count without being a histogram.
        return MeterFilter.deny(id -> id.getName().startsWith("spring.security.")
                || id.getName().equals("jvm.compilation.time")
                || id.getName().equals("process.cpu.time")
                || id.getName().equals("system.cpu.count"));
    }

    @Bean
    MeterFilter helpTextForEveryMeter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null && !id.getDescription().isBlank()) {
                    return id;
                }
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                        describe(id.getName()), id.getType());
            }
        };
    }

    /** "http.server.requests" → "Http server requests (Micrometer meter http.server.requests)". */
    static String describe(String name) {
        String words = name.replace('.', ' ').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " (Micrometer meter " + name + ")";
    }
}
