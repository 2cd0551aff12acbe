package dev.coderunner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The credentials file: JSON, readable by its owner only (mode 600, directory 700), replaced atomically. */
final class CredentialStore {

    private final Path file;

    CredentialStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    Optional<Credentials> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.parse(Files.readString(file));
            return Optional.of(new Credentials(blankToNull(Output.text(node, "server")),
                    blankToNull(Output.text(node, "token")), blankToNull(Output.text(node, "username")),
                    blankToNull(Output.text(node, "tokenId"))));
        } catch (IOException | JacksonException e) {
            throw new CliException("cannot read " + file + " (" + e.getMessage() + "); run 'coderunner login' again");
        }
    }

    void save(Credentials credentials) {
        ObjectNode node = Json.object();
        node.put("server", credentials.server());
        node.put("token", credentials.token());
        if (credentials.username() != null) {
            node.put("username", credentials.username());
        }
        if (credentials.tokenId() != null) {
            node.put("tokenId", credentials.tokenId());
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (posix) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            Path temp = Files.createTempFile(dir, ".credentials", ".tmp");
            if (posix) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, Json.write(node, true),
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    boolean delete() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CliException("cannot delete " + file + " (" + e.getMessage() + ")");
        }
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
