package dev.coderunner.deploy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import dev.coderunner.files.ArchiveFormat;
import dev.coderunner.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploading sources and following deployments. */
@RestController
class DeploymentController {

    private final DeploymentService deployments;

    DeploymentController(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @PostMapping(path = "/api/v1/apps/{app}/envs/{env}/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DeploymentView> uploadForm(@PathVariable String app, @PathVariable String env, @RequestPart("source") MultipartFile source,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) throws IOException {
        try (InputStream in = source.getInputStream()) {
            return accepted(deployments.upload(app, env, in, format(source.getContentType(), source.getOriginalFilename()), key));
        }
    }

    @PostMapping(path = "/api/v1/apps/{app}/envs/{env}/deployments")
    ResponseEntity<DeploymentView> upload(@PathVariable String app, @PathVariable String env, HttpServletRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) throws IOException {
        ArchiveFormat declared = format(request.getContentType(), null);
        BufferedInputStream in = new BufferedInputStream(request.getInputStream());
        return accepted(deployments.upload(app, env, in, declared != null ? declared : sniff(in), key));
    }

    @GetMapping("/api/v1/apps/{app}/envs/{env}/deployments")
    Page<DeploymentView> list(@PathVariable String app, @PathVariable String env, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        int n = Page.limit(limit);
        List<DeploymentView> page = deployments.list(app, env, cursor == null ? null : parseCursor(cursor), n + 1);
        List<DeploymentView> items = page.stream().limit(n).toList();
        return new Page<>(items, page.size() > n ? items.getLast().createdAt().toString() : null);
    }

    @GetMapping("/api/v1/deployments/{id}")
    DeploymentView get(@PathVariable String id) {
        return deployments.get(id);
    }

    private static ResponseEntity<DeploymentView> accepted(DeploymentView view) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view);
    }

    /** The archive format named by a content type or file name; null when it does not say. */
    private static ArchiveFormat format(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        String name = fileName == null ? "" : fileName.toLowerCase();
        if (type.contains("gzip") || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return ArchiveFormat.TAR_GZ;
        }
        if (type.contains("zip") || name.endsWith(".zip")) {
            return ArchiveFormat.ZIP;
        }
        if (type.isEmpty() || type.startsWith("application/octet-stream") || type.startsWith("multipart/")) {
            return null;
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-archive-type",
                "Upload the source as application/gzip (.tar.gz) or application/zip; got " + contentType + ".");
    }

    /** Tells a gzip from a zip by their first bytes. */
    private static ArchiveFormat sniff(BufferedInputStream in) throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return ArchiveFormat.TAR_GZ;
        }
        if (b0 == 'P' && b1 == 'K') {
            return ArchiveFormat.ZIP;
        }
        throw ApiException.badRequest("archive-invalid", "The upload is neither a .tar.gz nor a .zip archive.");
    }

    private static Instant parseCursor(String cursor) {
        try {
            return Instant.parse(cursor);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid-cursor", "The cursor is not one this API gave out.");
        }
    }
}
