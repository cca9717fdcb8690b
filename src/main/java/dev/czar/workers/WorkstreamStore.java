package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;
import dev.czar.store.Upsert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.czar.workers.SqlRows.instant;
import static dev.czar.workers.SqlRows.state;

/**
 * Workstreams and the changes to them. Every state change is a compare-and-set on the current state, written in
 * one transaction with its event row, so two czar processes sharing a home can never both move the same
 * workstream (e.g. both start it). The tables beside a workstream (its event log, gate runs, waiting replies, the
 * fleet's alerts and the supervisor lease) are their own stores over the same database, handed out below.
 */
public final class WorkstreamStore {
    private static final String COLUMNS = "name, task, priority, depends_on, branch, base_sha, state, attempts, fix_rounds,"
            + " lost_requeues, launched_by, channel, thread, owner, pid, pid_started_at, exit_code, reason, next_input,"
            + " not_before, created_at, updated_at, paused_from";
    /** Columns a transition may set besides state and reason. */
    private static final Set<String> SETTABLE = Set.of("attempts", "fix_rounds", "lost_requeues", "owner", "pid",
            "pid_started_at", "exit_code", "next_input", "not_before", "priority", "base_sha", "paused_from");

    private final Database db;
    private final Clock clock;
    private final EventLog log;
    private final GateRecords gates;
    private final WorkerInputs inputs;
    private final StoredAlerts alerts;
    private final SupervisorLease lease;

    public WorkstreamStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.log = new EventLog(db);
        this.gates = new GateRecords(db, clock);
        this.inputs = new WorkerInputs(db, clock);
        this.alerts = new StoredAlerts(db);
        this.lease = new SupervisorLease(db, clock);
    }

    /** The database this store keeps its rows in (agent sessions live next to them). */
    Database database() {
        return db;
    }

    /** Every workstream's history: the events {@link #transition} and {@link #note} write. */
    EventLog log() {
        return log;
    }

    /** The Definition of Done's runs. */
    GateRecords gates() {
        return gates;
    }

    /** Operators' replies waiting for their workers. */
    WorkerInputs inputs() {
        return inputs;
    }

    /** The fleet's current alerts (conflicts, duplicates, drift). */
    StoredAlerts alerts() {
        return alerts;
    }

    /** The lease the supervising czar process holds. */
    SupervisorLease lease() {
        return lease;
    }

    /** A new workstream as asked for. */
    public record NewWorkstream(String name, String task, int priority, String dependsOn, String launchedBy,
                                String channel, String thread) {
    }

    /** The result of a launch: the stored workstream and whether this call created it. */
    public record Created(Workstream workstream, boolean created) {
    }

    /** Inserts the workstream in {@code initial} state, or returns the existing one of that name untouched. */
    public Created create(NewWorkstream w, WorkstreamState initial, String reason) {
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO workstreams (name, task, priority, depends_on,"
                    + " branch, state, launched_by, channel, thread, created_at, updated_at, reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, w.name());
                st.setString(2, w.task());
                st.setInt(3, w.priority());
                st.setString(4, w.dependsOn());
                st.setString(5, Workstream.branchFor(w.name()));
                st.setString(6, initial.name());
                st.setString(7, w.launchedBy());
                st.setString(8, w.channel());
                st.setString(9, w.thread());
                st.setTimestamp(10, Timestamp.from(now));
                st.setTimestamp(11, Timestamp.from(now));
                st.setString(12, reason);
                st.executeUpdate();
                EventLog.insert(c, w.name(), now, null, initial, w.launchedBy(), reason);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (Upsert.isDuplicateKey(e)) {
                    return new Created(find(w.name()).orElseThrow(), false);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("recording workstream " + w.name(), e);
        }
        return new Created(find(w.name()).orElseThrow(), true);
    }

    public Optional<Workstream> find(String name) {
        List<Workstream> found = query("SELECT " + COLUMNS + " FROM workstreams WHERE name = ?", name);
        return found.stream().findFirst();
    }

    /** Every workstream, oldest first. */
    public List<Workstream> all() {
        return query("SELECT " + COLUMNS + " FROM workstreams ORDER BY created_at, name");
    }

    /** The workstream working on {@code branch}; the oldest if several ever did. */
    public Optional<Workstream> onBranch(String branch) {
        return query("SELECT " + COLUMNS + " FROM workstreams WHERE branch = ? ORDER BY created_at, name", branch)
                .stream().findFirst();
    }

    /** The workstreams of one chat thread whose worker waits for an answer ({@code NEEDS_INPUT}), by name. */
    public List<Workstream> waitingIn(String channel, String thread) {
        return query("SELECT " + COLUMNS + " FROM workstreams WHERE channel = ? AND thread = ? AND state = ? ORDER BY name",
                channel, thread, WorkstreamState.NEEDS_INPUT);
    }

    /** Records the thread a workstream's first notice started; only a workstream without one adopts it. */
    public void adoptThread(String name, String threadTs) {
        update("UPDATE workstreams SET thread = ? WHERE name = ? AND thread IS NULL", threadTs, name);
    }

    /**
     * Moves {@code name} from {@code from} to {@code to} if it is still in {@code from}, setting the given extra
     * columns, and records the event. Returns false (and changes nothing) when another process moved it first.
     */
    public boolean transition(String name, WorkstreamState from, WorkstreamState to, String actor, String reason,
                              Map<String, Object> set) {
        if (!WorkstreamTransitions.allowed(from, to)) {
            throw new IllegalStateException("not an allowed workstream transition: " + from + " -> " + to + " (" + name
                    + "); allowed from " + from + ": " + WorkstreamTransitions.from(from));
        }
        Instant now = clock.instant();
        String sql = "UPDATE workstreams SET state = ?, reason = ?, updated_at = ?" + assignments(set)
                + " WHERE name = ? AND state = ?";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                st.setString(i++, to.name());
                st.setString(i++, reason);
                st.setTimestamp(i++, Timestamp.from(now));
                for (Object value : set.values()) {
                    SqlRows.bind(st, i++, value);
                }
                st.setString(i++, name);
                st.setString(i, from.name());
                if (st.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                EventLog.insert(c, name, now, from, to, actor, reason);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("moving workstream " + name + " to " + to, e);
        }
    }

    public boolean transition(String name, WorkstreamState from, WorkstreamState to, String actor, String reason) {
        return transition(name, from, to, actor, reason, Map.of());
    }

    /** Records something that happened to a workstream without changing its state (an alert, a delivered reply). */
    public void note(String name, String actor, String text) {
        try (Connection c = db.connection()) {
            EventLog.insert(c, name, clock.instant(), null, null, actor, text);
        } catch (SQLException e) {
            throw new StoreException("noting an event of " + name, e);
        }
    }

    /** Records facts about a workstream that are not a state change: its process, its base commit. */
    public void setFacts(String name, Map<String, Object> set) {
        List<Object> args = new ArrayList<>();
        args.add(clock.instant());
        args.addAll(set.values());
        args.add(name);
        update("UPDATE workstreams SET updated_at = ?" + assignments(set) + " WHERE name = ?", args.toArray());
    }

    /** {@code ", col = ?"} for each column of {@code set}; refuses a column no caller may set. */
    private static String assignments(Map<String, Object> set) {
        StringBuilder sql = new StringBuilder();
        for (String column : set.keySet()) {
            if (!SETTABLE.contains(column)) {
                throw new IllegalArgumentException("not a settable workstream column: " + column);
            }
            sql.append(", ").append(column).append(" = ?");
        }
        return sql.toString();
    }

    private void update(String sql, Object... args) {
        SqlRows.update(db, sql, args);
    }

    private List<Workstream> query(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            SqlRows.bindAll(st, args);
            List<Workstream> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading workstreams", e);
        }
    }

    private static Workstream read(ResultSet rs) throws SQLException {
        return new Workstream(rs.getString("name"), rs.getString("task"), rs.getInt("priority"),
                rs.getString("depends_on"), rs.getString("branch"), rs.getString("base_sha"), WorkstreamState.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getInt("fix_rounds"), rs.getInt("lost_requeues"), rs.getString("launched_by"),
                rs.getString("channel"), rs.getString("thread"), rs.getString("owner"),
                (Long) rs.getObject("pid", Long.class), instant(rs.getTimestamp("pid_started_at")),
                (Integer) rs.getObject("exit_code", Integer.class), rs.getString("reason"), rs.getString("next_input"),
                instant(rs.getTimestamp("not_before")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), state(rs.getString("paused_from")));
    }

    /** Stands for SQL NULL in {@link #transition} maps (which do not take null values). */
    public static final Object NULL = new Object();

    /** A small ordered map for {@link #transition}; values may be {@link #NULL}. */
    public static Map<String, Object> set(Object... columnsAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            map.put((String) columnsAndValues[i], columnsAndValues[i + 1] == null ? NULL : columnsAndValues[i + 1]);
        }
        return map;
    }
}
