package resnetkit.grader.journal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret a grading run's journal is authenticated with: 32 random bytes, made fresh by the supervisor for
 * each run and handed to the grading JVM on its standard input (never its command line, which any code in it can
 * read through {@code ProcessHandle.info()}), which the grading JVM reads once before any student class loads.
 */
public final class JournalKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private JournalKey(byte[] key) {
        this.key = key.clone();
    }

    /** A fresh random key. */
    public static JournalKey fresh() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new JournalKey(key);
    }

    /** The key written as {@link #hex()}. */
    public static JournalKey ofHex(String hex) {
        byte[] key = HexFormat.of().parseHex(hex.strip());
        if (key.length != 32) {
            throw new IllegalArgumentException("a journal key has 32 bytes, this one " + key.length);
        }
        return new JournalKey(key);
    }

    /** The key as 64 hex digits, the line the supervisor writes to the grading JVM's standard input. */
    public String hex() {
        return HexFormat.of().formatHex(key);
    }

    /** A new HMAC-SHA-256 with this key. */
    Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "JournalKey[hidden]";
    }
}
