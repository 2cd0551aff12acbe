package dev.coderunner.cli.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceArchiveTest {

    @TempDir
    Path temp;

    @Test
    void packsTheTreeWithoutIgnoredFilesAndKeepsTheExecutableBit() throws IOException {
        Path src = temp.resolve("app");
        Archives.write(src, ".gitignore", "node_modules/\n*.log\n/dist\n!important.log\n");
        Archives.write(src, ".coderunnerignore", "secrets/\n");
        Archives.write(src, "Procfile", "web: ./start.sh\n");
        Archives.write(src, "start.sh", "#!/bin/sh\nexec node index.js\n");
        Files.setPosixFilePermissions(src.resolve("start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Archives.write(src, "index.js", "console.log('hi')\n");
        Archives.write(src, "debug.log", "noise");
        Archives.write(src, "important.log", "keep");
        Archives.write(src, "node_modules/left-pad/index.js", "x");
        Archives.write(src, "dist/bundle.js", "x");
        Archives.write(src, "lib/dist/kept.js", "x");
        Archives.write(src, "secrets/key.pem", "x");
        Archives.write(src, ".git/HEAD", "ref: refs/heads/main\n");
        Archives.write(src, "web/.gitignore", "*.tmp\n");
        Archives.write(src, "web/a.tmp", "x");
        Archives.write(src, "web/app.js", "x");
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
        Archives.write(src, "real.txt", "x");
        Archives.write(temp, "outside.txt", "secret");
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
        Archives.write(src, "a.txt", "a");
        Archives.write(src, "sub/b.txt", "b");

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
        return Archives.entries(archive);
    }
}
