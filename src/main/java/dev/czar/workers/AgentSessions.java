package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per workstream: the agent it runs, its session (what the next turn resumes) and the usage its runs reported.
 * A row exists once a launch named an agent or a worker started.
 */
public final class AgentSessions {
    private static final String COLUMNS = "workstream, agent, session_id, turns, input_tokens, output_tokens, cost_usd,"
            + " last_tool, files_changed";

    private final Database db;
    private final Clock clock;

    public AgentSessions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One workstream's agent facts; usage is summed over its runs, {@code costUsd} null when never reported. */
    public record AgentSession(String workstream, String agent, String sessionId, int turns, long inputTokens,
                               long outputTokens, BigDecimal costUsd, String lastTool, int filesChanged) {
    }

    public Optional<AgentSession> find(String workstream) {
        return query("SELECT " + COLUMNS + " FROM agent_sessions WHERE workstream = ?", workstream).values().stream().findFirst();
    }

    /** Every row, by workstream name. */
    public Map<String, AgentSession> all() {
        return query("SELECT " + COLUMNS + " FROM agent_sessions ORDER BY workstream");
    }

    /** Records the agent a workstream runs; a session of another agent is forgotten (it cannot resume it). */
    public void choose(String workstream, String agent) {
        Optional<AgentSession> known = find(workstream);
        if (known.isEmpty()) {
            update("INSERT INTO agent_sessions (workstream, agent, updated_at) VALUES (?, ?, ?)", workstream, agent, clock.instant());
        } else if (!known.get().agent().equals(agent)) {
            update("UPDATE agent_sessions SET agent = ?, session_id = NULL, updated_at = ? WHERE workstream = ?",
                    agent, clock.instant(), workstream);
        }
    }

    /** What a running worker reported so far: its session, last tool call and files written in this run. */
    public void progress(String workstream, String sessionId, String lastTool, int filesChanged) {
        update("UPDATE agent_sessions SET session_id = COALESCE(CAST(? AS VARCHAR), session_id),"
                + " last_tool = COALESCE(CAST(? AS VARCHAR), last_tool),"
                + " files_changed = ?, updated_at = ? WHERE workstream = ?", sessionId, lastTool, filesChanged,
                clock.instant(), workstream);
    }

    /** Adds one finished run's usage to the workstream's totals, and records the run (for sums per user and day). */
    public void addUsage(String workstream, int turns, long inputTokens, long outputTokens, BigDecimal costUsd) {
        update("INSERT INTO agent_runs (workstream, agent, ended_at, turns, input_tokens, output_tokens, cost_usd)"
                + " SELECT workstream, agent, ?, ?, ?, ?, CAST(? AS DECIMAL(14, 6)) FROM agent_sessions WHERE workstream = ?",
                clock.instant(), turns, inputTokens, outputTokens, costUsd, workstream);
        String cost = costUsd == null ? "" : ", cost_usd = COALESCE(cost_usd, 0) + ?";
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(turns, inputTokens, outputTokens));
        if (costUsd != null) {
            args.add(costUsd);
        }
        args.addAll(java.util.List.of(clock.instant(), workstream));
        update("UPDATE agent_sessions SET turns = turns + ?, input_tokens = input_tokens + ?,"
                + " output_tokens = output_tokens + ?" + cost + ", updated_at = ? WHERE workstream = ?", args.toArray());
    }

    /** Usage summed by a key: a workstream, a launching user or a UTC day. */
    public record UsageSum(String key, int runs, long inputTokens, long outputTokens, BigDecimal costUsd) {
    }

    /** Sums of every recorded run by {@code workstream}, {@code user} (who launched it) or {@code day} (UTC). */
    public java.util.List<UsageSum> usageBy(String grouping) {
        return usageBy(grouping, null);
    }

    /** As {@link #usageBy(String)}, counting only runs that ended after {@code since} ({@code null}: all). */
    public java.util.List<UsageSum> usageBy(String grouping, java.time.Instant since) {
        String key = switch (grouping) {
            case "workstream" -> "r.workstream";
            case "user" -> "w.launched_by";
            case "day" -> "CAST(CAST(r.ended_at AT TIME ZONE 'UTC' AS DATE) AS VARCHAR)";
            default -> throw new IllegalArgumentException("no usage grouping " + grouping);
        };
        String sql = "SELECT " + key + " k, COUNT(*), SUM(r.input_tokens), SUM(r.output_tokens), SUM(r.cost_usd)"
                + " FROM agent_runs r JOIN workstreams w ON w.name = r.workstream"
                + (since == null ? "" : " WHERE r.ended_at > ?") + " GROUP BY k ORDER BY k";
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (since != null) {
                bind(st, since);
            }
            java.util.List<UsageSum> sums = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sums.add(new UsageSum(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5)));
                }
            }
            return sums;
        } catch (SQLException e) {
            throw new StoreException("summing agent usage", e);
        }
    }

    /** The session cannot be resumed (the agent did not find it): the next turn starts a fresh one. */
    public void forgetSession(String workstream) {
        update("UPDATE agent_sessions SET session_id = NULL, updated_at = ? WHERE workstream = ?", clock.instant(), workstream);
    }

    private Map<String, AgentSession> query(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            Map<String, AgentSession> result = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), new AgentSession(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getBigDecimal(7), rs.getString(8), rs.getInt(9)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading agent sessions", e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording an agent session", e);
        }
    }

    private static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object value = args[i];
            if (value == null) {
                st.setNull(i + 1, Types.VARCHAR);
            } else if (value instanceof java.time.Instant instant) {
                st.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                st.setObject(i + 1, value);
            }
        }
    }
}
