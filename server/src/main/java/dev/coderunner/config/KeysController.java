package dev.coderunner.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/keys}: the secrets keyset (ids and usage only), rotation and retirement. Admins only. */
@RestController
@RequestMapping("/api/v1/admin/keys")
class KeysController {

    private final SecretBox box;
    private final KeyRotation rotation;

    KeysController(SecretBox box, KeyRotation rotation) {
        this.box = box;
        this.rotation = rotation;
    }

    @GetMapping
    Map<String, Object> keys() {
        requireAdmin();
        Map<Integer, Long> usage = rotation.usage();
        List<Map<String, Object>> keys = box.keys().stream().map(k -> {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("id", Integer.toUnsignedString(k.id()));
            key.put("primary", k.primary());
            key.put("status", k.status());
            key.put("uses", usage.getOrDefault(k.id(), 0L));
            return key;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("location", box.keysetLocation());
        out.put("keys", keys);
        out.put("reencryption", rotation.lastJob());
        return out;
    }

    @PostMapping("/rotate")
    ResponseEntity<Map<String, Object>> rotate() {
        requireAdmin();
        SecretBox.KeyInfo key = rotation.rotate();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("primary", Integer.toUnsignedString(key.id()),
                "reencryption", rotation.lastJob()));
    }

    @PostMapping("/reencrypt")
    ResponseEntity<KeyRotation.Job> reencrypt() {
        requireAdmin();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rotation.startReencryption());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> retire(@PathVariable String id) {
        requireAdmin();
        int keyId;
        try {
            keyId = Integer.parseUnsignedInt(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("key", id);
        }
        rotation.retire(keyId);
        return ResponseEntity.noContent().build();
    }

    private static void requireAdmin() {
        Principal p = Principal.current();
        if (p.role() != Role.ADMIN || (p.scope() != null && p.scope() != dev.coderunner.auth.TokenScope.ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only admins can manage the secrets keys.");
        }
    }
}
