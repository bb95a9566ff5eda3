package resnetkit.grader.journal;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The journal's chain of MACs: each line's tag is HMAC-SHA-256 over the tag of the line before it and the
 * line's own text, so a line cannot be changed, left out, moved or added without the key, and the first
 * line is bound to the run's key.
 */
final class MacChain {

    private final Mac mac;
    private byte[] previous = new byte[0];

    MacChain(JournalKey key) {
        this.mac = key.mac();
    }

    /** The tag of the next line {@code text} (hex), which becomes the link for the line after it. */
    String next(String text) {
        mac.update(previous);
        previous = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(previous);
    }

    /** Whether {@code tag} is the next line's tag for {@code text}; on success the chain moves on. */
    boolean verify(String text, String tag) {
        mac.update(previous);
        byte[] expected = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(tag);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return false;
        }
        previous = expected;
        return true;
    }
}
