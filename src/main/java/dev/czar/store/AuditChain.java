package dev.czar.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain over the audit log: each row's hash is SHA-256 over a canonical encoding of its fields and the
 * previous row's hash, the first row chaining from {@link #GENESIS}. Rewriting, inserting or deleting a row changes
 * every hash after it, so {@link AuditVerifier} finds the first broken link.
 */
public final class AuditChain {
    /** The "previous hash" of the first row. */
    public static final String GENESIS = "0".repeat(64);
    /** Names the encoding, so a later change of fields cannot be mistaken for tampering with old rows. */
    private static final byte[] VERSION = "czar-audit-v1".getBytes(StandardCharsets.UTF_8);

    private final MessageDigest sha256;

    public AuditChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The fields a row's hash covers (everything but its id, which the database assigns). */
    public record Fields(Instant at, String user, String channel, String command, String arguments, String outcome,
                         String detail) {
    }

    /** The database keeps microseconds: hashing the same precision makes a stored row hash like the one written. */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** Hex SHA-256 of {@code previous} and the row's fields. Not thread-safe: one chain per walk or append. */
    public String hash(String previous, Fields row) {
        sha256.reset();
        sha256.update(VERSION);
        sha256.update(previous.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        Instant at = stored(row.at());
        field(bytes, at.getEpochSecond() + "." + at.getNano());
        field(bytes, row.user());
        field(bytes, row.channel());
        field(bytes, row.command());
        field(bytes, row.arguments());
        field(bytes, row.outcome());
        field(bytes, row.detail());
        sha256.update(bytes.toByteArray());
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Length-prefixed, so no two different rows encode alike; -1 tells a null from an empty string. */
    private static void field(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : utf8.length).array());
        out.writeBytes(utf8);
    }
}
