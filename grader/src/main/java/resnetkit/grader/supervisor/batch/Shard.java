package resnetkit.grader.supervisor.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of {@code count} shards of a course's submissions: shard {@code index} (0 to count - 1) holds the
 * submissions whose name hashes to it. The hash is the first 32 bits of the SHA-256 of the submission's folder
 * name (UTF-8), as an unsigned number, modulo {@code count}: the same on every machine and under every JDK, and a
 * submission keeps its shard when others are added or removed. The shell computes the same
 * ({@code release/actions/clone-shard.sh}):
 * {@code $(( 16#$(printf '%s' "$name" | sha256sum | cut -c1-8) % count ))}.
 */
public record Shard(int index, int count) {

    /** The file name pattern of a part: {@code gradebook-part-K-of-N.csv}. */
    public static final String PART_PREFIX = "gradebook-part-";

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is K/N with 0 <= K < N, was " + index + "/" + count);
        }
    }

    /** Parses {@code K/N}, e.g. {@code 0/3}; Slurm's array task id is K. */
    public static Shard parse(String text) {
        String[] kn = text.strip().split("/");
        try {
            if (kn.length == 2) {
                return new Shard(Integer.parseInt(kn[0].strip()), Integer.parseInt(kn[1].strip()));
            }
        } catch (NumberFormatException e) {
            // the message below says what a shard looks like
        }
        throw new IllegalArgumentException("a shard is K/N with 0 <= K < N (e.g. 0/3), was '" + text + "'");
    }

    /** The shard (of {@code count}) that the submission named {@code name} belongs to. */
    public static int of(String name, int count) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long first32 = ((sha[0] & 0xFFL) << 24) | ((sha[1] & 0xFFL) << 16) | ((sha[2] & 0xFFL) << 8) | (sha[3] & 0xFFL);
            return (int) (first32 % count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether the submission named {@code name} is in this shard. */
    public boolean holds(String name) {
        return of(name, count) == index;
    }

    /** This shard's part of the gradebook in {@code out}: {@code gradebook-part-K-of-N.csv}. */
    public Path partIn(Path out) {
        return out.resolve(PART_PREFIX + index + "-of-" + count + ".csv");
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
