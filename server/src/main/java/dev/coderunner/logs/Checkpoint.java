package dev.coderunner.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where capture stands, written atomically about once a second to {@code capture.json}: the last seq it
 * covers, the offset reached in each output file and the labels of each instance. On start, the entries
 * stored after {@code seq} bring the offsets up to date, so nothing is read twice or skipped.
 */
record Checkpoint(long seq, Map<String, Long> offsets, Map<String, InstanceMeta> instances) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FILE = "capture.json";

    static Checkpoint load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Checkpoint(0, new HashMap<>(), new HashMap<>());
        }
        Checkpoint c = JSON.readValue(file.toFile(), Checkpoint.class);
        return new Checkpoint(c.seq, new HashMap<>(c.offsets == null ? Map.of() : c.offsets),
                new HashMap<>(c.instances == null ? Map.of() : c.instances));
    }

    void save(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(this));
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
