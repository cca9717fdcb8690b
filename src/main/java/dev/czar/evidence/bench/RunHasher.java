package dev.czar.evidence.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key that groups a record's metrics into one run: a SHA-256 of source, benchmark, variant, iteration, commit and
 * time. Remembers the last run hashed, since the metrics of one run come in consecutive records and hashing was among
 * the costliest steps of validation. One per reading thread (a {@link MessageDigest} is not thread-safe).
 */
final class RunHasher {
    private final MessageDigest sha256;
    private Object[] lastRun = new Object[6];
    private String lastRunHash;

    RunHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    String hash(String source, String benchmark, String variant, Integer iteration, String commit, Instant ranAt) {
        Object[] parts = {source, benchmark, variant, iteration, commit, ranAt};
        if (lastRunHash != null && Arrays.equals(parts, lastRun)) {
            return lastRunHash;
        }
        sha256.reset();
        for (Object part : parts) {
            sha256.update(part == null ? new byte[]{1} : part.toString().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        lastRun = parts;
        lastRunHash = HexFormat.of().formatHex(sha256.digest());
        return lastRunHash;
    }
}
