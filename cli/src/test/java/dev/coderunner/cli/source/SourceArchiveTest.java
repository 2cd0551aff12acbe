package dev.coderunner.cli.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceArchiveTest {

    @TempDir
    Path temp;

    @Test
    void packsTheTreeWithoutIgnoredFilesAndKeepsTheExecutableBit() throws IOException {
        Path src = temp.resolve("app");
        write(src, ".gitignore", "node_modules/\n*.log\n/dist\n!important.log\n");
        write(src, ".coderunnerignore", "secrets/\n");
        write(src, "Procfile", "web: ./start.sh\n");
        write(src, "start.sh", "#!/bin/sh\nexec node index.js\n");
        Files.setPosixFilePermissions(src.resolve("start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(src, "index.js", "console.log('hi')\n");
        write(src, "debug.log", "noise");
        write(src, "important.log", "keep");
        write(src, "node_modules/left-pad/index.js", "x");
        write(src, "dist/bundle.js", "x");
        write(src, "lib/dist/kept.js", "x");
        write(src, "secrets/key.pem", "x");
        write(src, ".git/HEAD", "ref: refs/heads/main\n");
        write(src, "web/.gitignore", "*.tmp\n");
        write(src, "web/a.tmp", "x");
        write(src, "web/app.js", "x");
        Files.createDirectories(src.resolve("empty"));

        Map<String, TarArchiveEntry> entries = pack(src);

        assertThat(entries.keySet()).containsExactlyInAnyOrder(".coderunnerignore", ".gitignore", "Procfile",
                "empty/", "important.log", "index.js", "lib/", "lib/dist/", "lib/dist/kept.js", "start.sh",
                "web/", "web/.gitignore", "web/app.js");
        assertThat(entries.get("start.sh").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("index.js").getMode() & 0777).isEqualTo(0644);
        assertThat(entries.get("index.js").getSize()).isEqualTo(18);
        assertThat(entries.get("empty/").isDirectory()).isTrue();
    }

    @Test
    void keepsSymlinksInsideTheTreeAndSkipsThoseThatLeaveIt() throws IOException {
        Path src = temp.resolve("app");
        write(src, "real.txt", "x");
        write(temp, "outside.txt", "secret");
        Files.createSymbolicLink(src.resolve("inside-link"), Path.of("real.txt"));
        Files.createSymbolicLink(src.resolve("escape"), Path.of("../outside.txt"));
        Files.createSymbolicLink(src.resolve("absolute-escape"), temp.resolve("outside.txt"));
        List<String> warnings = new ArrayList<>();

        Map<String, TarArchiveEntry> entries = pack(src, warnings);

        assertThat(entries.keySet()).containsExactlyInAnyOrder("real.txt", "inside-link");
        assertThat(entries.get("inside-link").isSymbolicLink()).isTrue();
        assertThat(entries.get("inside-link").getLinkName()).isEqualTo("real.txt");
        assertThat(warnings).hasSize(2).allMatch(w -> w.contains("outside the source directory"));
    }

    @Test
    void reportsWhatItPacked() throws IOException {
        Path src = temp.resolve("app");
        write(src, "a.txt", "a");
        write(src, "sub/b.txt", "b");

        SourceArchive.Summary summary = SourceArchive.pack(src, temp.resolve("out.tar.gz"), w -> { });

        assertThat(summary.files()).isEqualTo(2);
        assertThat(summary.directories()).isEqualTo(1);
        assertThat(summary.archiveBytes()).isEqualTo(Files.size(temp.resolve("out.tar.gz")));
    }

    private Map<String, TarArchiveEntry> pack(Path src) throws IOException {
        return pack(src, new ArrayList<>());
    }

    private Map<String, TarArchiveEntry> pack(Path src, List<String> warnings) throws IOException {
        Path archive = temp.resolve("source.tar.gz");
        SourceArchive.pack(src, archive, warnings::add);
        return entries(archive);
    }

    /** The entries of a {@code .tar.gz}, by name. */
    static Map<String, TarArchiveEntry> entries(Path archive) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }

    static void write(Path root, String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
