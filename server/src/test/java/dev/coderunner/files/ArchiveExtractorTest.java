package dev.coderunner.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import dev.coderunner.testsupport.Archives;
import dev.coderunner.web.ApiException;

class ArchiveExtractorTest {

    @TempDir
    Path temp;

    private final ArchiveExtractor extractor = new ArchiveExtractor(FilesProperties.defaults());

    private Path app() {
        return temp.resolve("app");
    }

    private void extract(byte[] archive, ArchiveFormat format) {
        extractor.extract(new ByteArrayInputStream(archive), format, app());
    }

    @Test
    void unpacksTarGzKeepingTheExecutableBit() throws IOException {
        extract(Archives.tarGz().file("package.json", "{}").executable("mvnw", "#!/bin/sh\n").dir("src").file("src/a.js", "1").bytes(),
                ArchiveFormat.TAR_GZ);

        assertThat(app().resolve("package.json")).hasContent("{}");
        assertThat(app().resolve("src/a.js")).hasContent("1");
        assertThat(Files.isExecutable(app().resolve("mvnw"))).isTrue();
        assertThat(Files.isExecutable(app().resolve("package.json"))).isFalse();
        assertNoLeftovers();
    }

    @Test
    void unpacksZipKeepingTheExecutableBitAndInnerLinks() throws IOException {
        extract(Archives.zip().file("index.html", "hi").executable("mvnw", "#!/bin/sh\n").symlink("home.html", "index.html").bytes(),
                ArchiveFormat.ZIP);

        assertThat(app().resolve("index.html")).hasContent("hi");
        assertThat(Files.isExecutable(app().resolve("mvnw"))).isTrue();
        assertThat(Files.readSymbolicLink(app().resolve("home.html"))).isEqualTo(Path.of("index.html"));
        assertNoLeftovers();
    }

    @Test
    void stripsASingleTopLevelFolderLikeGitHubTarballs() {
        extract(Archives.tarGz().dir("repo-abc123").file("repo-abc123/Procfile", "web: x").file("repo-abc123/lib/a", "a").bytes(),
                ArchiveFormat.TAR_GZ);

        assertThat(app().resolve("Procfile")).hasContent("web: x");
        assertThat(app().resolve("lib/a")).hasContent("a");
    }

    @Test
    void keepsTheTopLevelWhenThereAreSeveralEntriesThere() {
        extract(Archives.zip().file("a/x", "1").file("b", "2").bytes(), ArchiveFormat.ZIP);

        assertThat(app().resolve("a/x")).exists();
        assertThat(app().resolve("b")).exists();
    }

    @Test
    void acceptsDotSlashNamesFromTarOfTheCurrentFolder() {
        extract(Archives.tarGz().dir("./").file("./index.html", "x").file("./css/a.css", "y").bytes(), ArchiveFormat.TAR_GZ);

        assertThat(app().resolve("index.html")).hasContent("x");
    }

    @Test
    void refusesAbsolutePaths() {
        assertRefused(Archives.tarGz().file("/etc/cron.d/evil", "x").bytes(), ArchiveFormat.TAR_GZ, "archive-unsafe-entry", "/etc/cron.d/evil");
        assertRefused(Archives.zip().file("/tmp/evil", "x").bytes(), ArchiveFormat.ZIP, "archive-unsafe-entry", "/tmp/evil");
    }

    @Test
    void refusesDotDotEntries() {
        assertRefused(Archives.tarGz().file("ok", "1").file("../x", "x").bytes(), ArchiveFormat.TAR_GZ, "archive-unsafe-entry", "../x");
        assertRefused(Archives.zip().file("a/../../x", "x").bytes(), ArchiveFormat.ZIP, "archive-unsafe-entry", "a/../../x");
    }

    @Test
    void refusesSymlinksToAbsolutePaths() {
        assertRefused(Archives.tarGz().file("a", "1").symlink("passwd", "/etc/passwd").bytes(), ArchiveFormat.TAR_GZ,
                "archive-unsafe-entry", "passwd");
        assertRefused(Archives.zip().file("a", "1").symlink("passwd", "/etc/passwd").bytes(), ArchiveFormat.ZIP,
                "archive-unsafe-entry", "passwd");
    }

    @Test
    void refusesSymlinksThatClimbOutOfTheApp() {
        assertRefused(Archives.tarGz().file("b", "1").symlink("dir/a", "../../x").bytes(), ArchiveFormat.TAR_GZ, "archive-unsafe-entry", "dir/a");
    }

    @Test
    void refusesALinkThatEscapesOnlyOnceTheTopFolderIsStripped() {
        assertRefused(Archives.tarGz().file("top/a", "1").symlink("top/up", "..").bytes(), ArchiveFormat.TAR_GZ, "archive-unsafe-entry", "top/up");
    }

    @Test
    void refusesLinksThatEscapeThroughAnotherLink() {
        // lexically "l/.." is "d", but l points at the app root, so the real target is the app's parent
        assertRefused(Archives.tarGz().file("f", "1").symlink("d/l", "..").symlink("d/escape", "l/../..").bytes(), ArchiveFormat.TAR_GZ,
                "archive-unsafe-entry", "d/escape");
    }

    @Test
    void refusesWritingThroughALink() {
        assertRefused(Archives.tarGz().file("f", "1").symlink("here", ".").file("here/g", "x").bytes(), ArchiveFormat.TAR_GZ,
                "archive-unsafe-entry", "here/g");
    }

    @Test
    void refusesHardLinksOutsideTheApp() {
        assertRefused(Archives.tarGz().file("a", "1").hardLink("shadow", "/etc/shadow").bytes(), ArchiveFormat.TAR_GZ,
                "archive-unsafe-entry", "/etc/shadow");
        assertRefused(Archives.tarGz().file("a", "1").hardLink("up", "../a").bytes(), ArchiveFormat.TAR_GZ, "archive-unsafe-entry", "../a");
    }

    @Test
    void copiesHardLinksToFilesOfTheArchive() {
        extract(Archives.tarGz().file("a", "same").hardLink("b", "a").bytes(), ArchiveFormat.TAR_GZ);

        assertThat(app().resolve("b")).hasContent("same");
    }

    @Test
    void refusesDeviceFilesAndFifos() {
        assertRefused(Archives.tarGz().file("a", "1").charDevice("null").bytes(), ArchiveFormat.TAR_GZ, "archive-unsafe-entry", "null");
        assertRefused(Archives.tarGz().file("a", "1").fifo("pipe").bytes(), ArchiveFormat.TAR_GZ, "archive-unsafe-entry", "pipe");
        assertRefused(Archives.zip().file("a", "1").charDevice("null").bytes(), ArchiveFormat.ZIP, "archive-unsafe-entry", "null");
    }

    @Test
    void refusesTooManyEntries() {
        ArchiveExtractor small = new ArchiveExtractor(new FilesProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), 10));
        Archives archive = Archives.tarGz();
        for (int i = 0; i < 11; i++) {
            archive.file("f" + i, "x");
        }

        assertRefused(small, archive.bytes(), ArchiveFormat.TAR_GZ, "archive-too-many-entries", HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void refusesAZipBombByCountingUnpackedBytes() {
        ArchiveExtractor small = new ArchiveExtractor(new FilesProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(10), 100));
        byte[] zeros = new byte[20 * 1024 * 1024];
        byte[] tar = Archives.tarGz().file("bomb", zeros, 0644).bytes();
        byte[] zip = Archives.zip().file("bomb", zeros, 0644).bytes();
        assertThat(tar.length).isLessThan(1024 * 1024);

        assertRefused(small, tar, ArchiveFormat.TAR_GZ, "archive-too-large-unpacked", HttpStatus.CONTENT_TOO_LARGE);
        assertRefused(small, zip, ArchiveFormat.ZIP, "archive-too-large-unpacked", HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void refusesAnUploadOverTheSizeLimitWhileReading() {
        ArchiveExtractor small = new ArchiveExtractor(new FilesProperties(DataSize.ofKilobytes(1), DataSize.ofMegabytes(1), 100));
        byte[] random = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(random);

        assertRefused(small, Archives.tarGz().file("noise", random, 0644).bytes(), ArchiveFormat.TAR_GZ, "archive-too-large",
                HttpStatus.CONTENT_TOO_LARGE);
        assertRefused(small, Archives.zip().file("noise", random, 0644).bytes(), ArchiveFormat.ZIP, "archive-too-large",
                HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void refusesGarbageAsInvalid() {
        byte[] garbage = "this is not an archive at all".repeat(100).getBytes();

        assertRefused(extractor, garbage, ArchiveFormat.TAR_GZ, "archive-invalid", HttpStatus.BAD_REQUEST);
        assertRefused(extractor, garbage, ArchiveFormat.ZIP, "archive-invalid", HttpStatus.BAD_REQUEST);
    }

    @Test
    void refusesATruncatedArchiveAsInvalid() {
        byte[] random = new byte[256 * 1024];
        new java.util.Random(2).nextBytes(random);
        byte[] whole = Archives.tarGz().file("noise", random, 0644).bytes();

        assertRefused(extractor, Arrays.copyOf(whole, whole.length / 2), ArchiveFormat.TAR_GZ, "archive-invalid", HttpStatus.BAD_REQUEST);
    }

    @Test
    void refusesEmptyArchives() {
        assertRefused(extractor, Archives.tarGz().bytes(), ArchiveFormat.TAR_GZ, "archive-empty", HttpStatus.UNPROCESSABLE_CONTENT);
        assertRefused(extractor, Archives.zip().dir("only-a-folder").bytes(), ArchiveFormat.ZIP, "archive-empty", HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void refusesAnExistingDestination() throws IOException {
        Files.createDirectories(app());

        assertThatThrownBy(() -> extract(Archives.tarGz().file("a", "1").bytes(), ArchiveFormat.TAR_GZ))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(byte[] archive, ArchiveFormat format, String type, String named) {
        assertThatThrownBy(() -> extract(archive, format))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.getMessage()).contains("'" + named + "'");
                });
        assertNoLeftovers();
    }

    private void assertRefused(ArchiveExtractor extractor, byte[] archive, ArchiveFormat format, String type, HttpStatus status) {
        assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(archive), format, app()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.status()).isEqualTo(status);
                });
        assertNoLeftovers();
    }

    /** Nothing but a finished app folder may remain: no staging folder, no spooled zip. */
    private void assertNoLeftovers() {
        try (var children = Files.list(temp)) {
            assertThat(children.map(p -> p.getFileName().toString())).allMatch("app"::equals);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (Files.exists(app())) {
            assertThat(app()).isDirectory();
        }
    }
}
