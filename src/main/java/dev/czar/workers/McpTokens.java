package dev.czar.workers;

import dev.czar.store.Upsert;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret that binds a worker's {@code czar mcp} server to its own workstream (issue 21): a random token put only
 * into the environment of that worker's process ({@code CZAR_MCP_TOKEN}); the database keeps its SHA-256, one per
 * workstream, replaced at every attempt so a token of an ended run stops working.
 */
public final class McpTokens {
    public static final String ENV = "CZAR_MCP_TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    public McpTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A fresh token for {@code workstream}'s attempt; any earlier token of it no longer resolves. */
    public String issue(String workstream, int attempt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "czm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (Connection c = db.connection()) {
            Upsert.into("mcp_tokens").key("workstream", workstream).set("token_hash", hash(token)).set("attempt", attempt)
                    .set("issued_at", Timestamp.from(clock.instant())).write(c);
        } catch (SQLException e) {
            throw new StoreException("storing the MCP token of " + workstream, e);
        }
        return token;
    }

    /** The workstream a token was issued to, if it is the current token of one. */
    public Optional<String> workstreamOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT workstream FROM mcp_tokens WHERE token_hash = ?")) {
            st.setString(1, hash(token.strip()));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("looking up an MCP token", e);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
