package dev.coderunner.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.springframework.stereotype.Component;

/**
 * Encrypts config secrets at rest with Tink AEAD (AES-256-GCM). The keyset lives outside the database
 * (see {@link SecretKeys}). The context (app/env/name) is bound as associated data, so a ciphertext
 * copied to another row does not decrypt. The keyset may hold several keys: new values are encrypted
 * with the primary, old ones decrypt with whichever key made them (its id is the ciphertext's prefix).
 */
@Component
public class SecretBox {

    private static final String PREFIX = "tink:";

    /** One key of the keyset, without its material. */
    public record KeyInfo(int id, boolean primary, String status) {
    }

    private final SecretKeys keys;
    private volatile KeysetHandle keyset;
    private volatile Aead aead;

    SecretBox(SecretKeys keys) {
        this.keys = keys;
        try {
            AeadConfig.register();
            KeysetHandle loaded = keys.load().orElse(null);
            if (loaded == null) {
                loaded = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                keys.save(loaded);
            }
            use(loaded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the secrets keyset from " + keys.describe(), e);
        }
    }

    public String encrypt(String plaintext, String context) {
        try {
            byte[] ct = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String ciphertext, String context) {
        try {
            byte[] pt = aead.decrypt(bytes(ciphertext), context.getBytes(StandardCharsets.UTF_8));
            return new String(pt, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret could not be decrypted (wrong key or tampered value)", e);
        }
    }

    /** The ciphertext again under the primary key, or the same string when the primary made it already. */
    public String reencrypt(String ciphertext, String context) {
        return keyId(ciphertext) == primaryKeyId() ? ciphertext : encrypt(decrypt(ciphertext, context), context);
    }

    /** The id of the key that made a ciphertext: Tink's output prefix is 0x01 followed by the 4-byte key id. */
    public static int keyId(String ciphertext) {
        byte[] ct = bytes(ciphertext);
        if (ct.length < 5 || ct[0] != 1) {
            throw new IllegalStateException("not a Tink ciphertext with a key id");
        }
        return ByteBuffer.wrap(ct, 1, 4).getInt();
    }

    public int primaryKeyId() {
        return keyset.getPrimary().getId();
    }

    public List<KeyInfo> keys() {
        KeysetHandle k = keyset;
        List<KeyInfo> out = new ArrayList<>();
        for (int i = 0; i < k.size(); i++) {
            out.add(new KeyInfo(k.getAt(i).getId(), k.getAt(i).isPrimary(), k.getAt(i).getStatus().toString().toLowerCase()));
        }
        return out;
    }

    public String keysetLocation() {
        return keys.describe();
    }

    public boolean canChangeKeys() {
        return keys.writable();
    }

    /** Adds a fresh AES-256-GCM key as the new primary; the old keys stay so existing ciphertexts still decrypt. */
    synchronized KeyInfo rotate() {
        try {
            KeysetHandle next = KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                    .build();
            keys.save(next);
            use(next);
            return new KeyInfo(primaryKeyId(), true, "enabled");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a key to the secrets keyset", e);
        }
    }

    /** Removes a non-primary key. The caller makes sure no ciphertext still uses it. */
    synchronized void remove(int keyId) {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            for (int i = 0; i < builder.size(); i++) {
                if (keyset.getAt(i).getId() == keyId) {
                    if (keyset.getAt(i).isPrimary()) {
                        throw new IllegalArgumentException("key " + keyId + " is the primary key");
                    }
                    builder.deleteAt(i);
                    KeysetHandle next = builder.build();
                    keys.save(next);
                    use(next);
                    return;
                }
            }
            throw new IllegalArgumentException("no key " + keyId + " in the keyset");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot remove a key from the secrets keyset", e);
        }
    }

    private void use(KeysetHandle next) throws GeneralSecurityException {
        Aead primitive = next.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.keyset = next;
        this.aead = primitive;
    }

    private static byte[] bytes(String ciphertext) {
        if (!ciphertext.startsWith(PREFIX)) {
            throw new IllegalStateException("not a ciphertext");
        }
        return Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
    }

}
