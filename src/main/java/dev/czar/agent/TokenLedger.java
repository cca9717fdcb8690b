package dev.czar.agent;

import dev.czar.chat.Message;
import dev.czar.chat.Tokens;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Cost accounting: the tokens every answer cost, per user, channel and thread (and, later, per workstream).
 */
public final class TokenLedger {
    private final Database db;

    public TokenLedger(Database db) {
        this.db = db;
    }

    /** Records what answering {@code message} cost; answers that made no round trip are not recorded. */
    void record(Message message, String provider, String model, int roundTrips, Tokens tokens, Instant at) {
        if (roundTrips == 0) {
            return;
        }
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO llm_token_usage (at, user_id, channel, thread, provider,"
                     + " model, round_trips, input_tokens, output_tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setTimestamp(1, Timestamp.from(at));
            st.setString(2, message.user());
            st.setString(3, message.channel());
            st.setString(4, message.thread() == null ? "" : message.thread());
            st.setString(5, provider);
            st.setString(6, model);
            st.setInt(7, roundTrips);
            st.setLong(8, tokens.input());
            st.setLong(9, tokens.output());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording token usage", e);
        }
    }

    /** Tokens spent since {@code since}, all users, with the number of answers and round trips. */
    public Usage since(Instant since) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(round_trips), 0),"
                     + " COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0) FROM llm_token_usage WHERE at >= ?")) {
            st.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), rs.getLong(2), new Tokens(rs.getLong(3), rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("reading token usage", e);
        }
    }

    /** Totals over a period. */
    public record Usage(long answers, long roundTrips, Tokens tokens) {
    }
}
