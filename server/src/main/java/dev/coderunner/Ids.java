package dev.coderunner;

import java.security.SecureRandom;

/** Random, URL-safe, prefixed identifiers such as {@code dep_k3j9x0q2m1b7c5d8}. */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghijkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + random(16);
    }

    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
