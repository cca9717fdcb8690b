package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.store.StoreException;
import dev.czar.store.Upsert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workstreams and their history in H2. Every state change is a compare-and-set on the current state, written in
 * one transaction with its event row, so two czar processes sharing a home can never both move the same
 * workstream (e.g. both start it).
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

    public WorkstreamStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The database this store keeps its rows in (agent sessions live next to them). */
    Database database() {
        return db;
    }

    /** A new workstream as asked for. */
    public record NewWorkstream(String name, String task, int priority, String dependsOn, String launchedBy,
                                String channel, String thread) {
    }

    /** The result of a launch: the stored workstream and whether this call created it. */
    public record Created(Workstream workstream, boolean created) {
    }

    /** A reply waiting for delivery to a worker's stdin. */
    public record PendingInput(long id, String text, String fromUser) {
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
                insertEvent(c, w.name(), now, null, initial, w.launchedBy(), reason);
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
        StringBuilder sql = new StringBuilder("UPDATE workstreams SET state = ?, reason = ?, updated_at = ?");
        for (String column : set.keySet()) {
            if (!SETTABLE.contains(column)) {
                throw new IllegalArgumentException("not a settable workstream column: " + column);
            }
            sql.append(", ").append(column).append(" = ?");
        }
        sql.append(" WHERE name = ? AND state = ?");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                int i = 1;
                st.setString(i++, to.name());
                st.setString(i++, reason);
                st.setTimestamp(i++, Timestamp.from(now));
                for (Object value : set.values()) {
                    bind(st, i++, value);
                }
                st.setString(i++, name);
                st.setString(i, from.name());
                if (st.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                insertEvent(c, name, now, from, to, actor, reason);
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
            insertEvent(c, name, clock.instant(), null, null, actor, text);
        } catch (SQLException e) {
            throw new StoreException("noting an event of " + name, e);
        }
    }

    /** The latest {@code limit} events of a workstream, oldest first. */
    public List<WorkstreamEvent> events(String name, int limit) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, workstream, at, from_state, to_state, actor, reason FROM workstream_events"
                        + " WHERE workstream = ? ORDER BY id DESC LIMIT ?")) {
            st.setString(1, name);
            st.setInt(2, limit);
            List<WorkstreamEvent> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(0, new WorkstreamEvent(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            state(rs.getString(4)), state(rs.getString(5)), rs.getString(6), rs.getString(7)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading events of " + name, e);
        }
    }

    /** The id of the newest event of any workstream, 0 before the first: where a follower starts reading. */
    public long lastEventId() {
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM workstream_events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("reading the newest workstream event", e);
        }
    }

    /**
     * Events of every workstream with an id above {@code afterId}, oldest first, at most 500 (a page: call again
     * from the last id read to follow the fleet).
     */
    public List<WorkstreamEvent> eventsAfter(long afterId) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, workstream, at, from_state, to_state, actor, reason FROM workstream_events"
                        + " WHERE id > ? ORDER BY id LIMIT 500")) {
            st.setLong(1, afterId);
            List<WorkstreamEvent> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new WorkstreamEvent(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            state(rs.getString(4)), state(rs.getString(5)), rs.getString(6), rs.getString(7)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading workstream events", e);
        }
    }

    /** Stores one gate run. */
    public void saveGate(String name, String headSha, List<GateItem> items) {
        Instant now = clock.instant();
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO gate_items (workstream, run_at, head_sha, item, status, evidence) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (GateItem item : items) {
                st.setString(1, name);
                st.setTimestamp(2, Timestamp.from(now));
                st.setString(3, headSha);
                st.setString(4, item.item());
                st.setString(5, item.status().name());
                st.setString(6, item.evidence());
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("storing the gate report of " + name, e);
        }
    }

    /** The items of the latest gate run, in check order; empty before the first run. */
    public List<GateItem> latestGate(String name) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT item, status, evidence FROM gate_items WHERE workstream = ? AND run_at ="
                        + " (SELECT MAX(run_at) FROM gate_items WHERE workstream = ?) ORDER BY id")) {
            st.setString(1, name);
            st.setString(2, name);
            List<GateItem> items = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(new GateItem(rs.getString(1), GateItem.Status.valueOf(rs.getString(2)), rs.getString(3)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new StoreException("reading the gate report of " + name, e);
        }
    }

    /** The branch head the latest gate run checked; empty before the first run. */
    public Optional<String> latestGateHead(String name) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT head_sha FROM gate_items WHERE workstream = ? ORDER BY id DESC LIMIT 1")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the gate head of " + name, e);
        }
    }

    public void addInput(String name, String text, String fromUser) {
        update("INSERT INTO worker_inputs (workstream, text, from_user, at) VALUES (?, ?, ?, ?)",
                name, text, fromUser, clock.instant());
    }

    public List<PendingInput> pendingInputs(String name) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, text, from_user FROM worker_inputs WHERE workstream = ? AND delivered_at IS NULL ORDER BY id")) {
            st.setString(1, name);
            List<PendingInput> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new PendingInput(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading replies for " + name, e);
        }
    }

    /** Records facts about a workstream that are not a state change: its process, its base commit. */
    public void setFacts(String name, Map<String, Object> set) {
        StringBuilder sql = new StringBuilder("UPDATE workstreams SET updated_at = ?");
        for (String column : set.keySet()) {
            if (!SETTABLE.contains(column)) {
                throw new IllegalArgumentException("not a settable workstream column: " + column);
            }
            sql.append(", ").append(column).append(" = ?");
        }
        List<Object> args = new ArrayList<>();
        args.add(clock.instant());
        args.addAll(set.values());
        args.add(name);
        update(sql.append(" WHERE name = ?").toString(), args.toArray());
    }

    public void markDelivered(long inputId) {
        update("UPDATE worker_inputs SET delivered_at = ? WHERE id = ?", clock.instant(), inputId);
    }

    /** Replaces the current alerts with the result of the latest check. */
    public void replaceAlerts(List<WorkerAlert> alerts) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (var del = c.createStatement(); PreparedStatement st = c.prepareStatement(
                    "INSERT INTO worker_alerts (kind, a, b, detail, at) VALUES (?, ?, ?, ?, ?)")) {
                del.executeUpdate("DELETE FROM worker_alerts");
                for (WorkerAlert a : alerts) {
                    st.setString(1, a.kind());
                    st.setString(2, a.a());
                    st.setString(3, a.b());
                    st.setString(4, a.detail());
                    st.setTimestamp(5, Timestamp.from(a.at()));
                    st.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback(); // the old alerts stay: re-enabling auto-commit below would commit the DELETE alone
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("storing worker alerts", e);
        }
    }

    public List<WorkerAlert> alerts() {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT kind, a, b, detail, at FROM worker_alerts ORDER BY id")) {
            List<WorkerAlert> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(new WorkerAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading worker alerts", e);
        }
    }

    /**
     * Takes or renews the one supervisor lease of this home. A lease whose heartbeat is older than
     * {@code staleAfter} belonged to a supervisor that died and may be taken over.
     */
    public boolean acquireLease(String holder, java.time.Duration staleAfter) {
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            try (PreparedStatement st = c.prepareStatement("UPDATE supervisor_lease SET holder = ?, heartbeat_at = ?"
                    + " WHERE id = 1 AND (holder = ? OR heartbeat_at < ?)")) {
                st.setString(1, holder);
                st.setTimestamp(2, Timestamp.from(now));
                st.setString(3, holder);
                st.setTimestamp(4, Timestamp.from(now.minus(staleAfter)));
                if (st.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO supervisor_lease (id, holder, heartbeat_at) VALUES (1, ?, ?)")) {
                st.setString(1, holder);
                st.setTimestamp(2, Timestamp.from(now));
                return st.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Upsert.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("taking the supervisor lease", e);
        }
    }

    /** The current lease holder, if any supervisor ever ran here. */
    public Optional<String> leaseHolder() {
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT holder FROM supervisor_lease WHERE id = 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("reading the supervisor lease", e);
        }
    }

    public void releaseLease(String holder) {
        update("DELETE FROM supervisor_lease WHERE id = 1 AND holder = ?", holder);
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(st, i + 1, args[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("updating workstream data", e);
        }
    }

    private List<Workstream> query(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(st, i + 1, args[i]);
            }
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

    private static void insertEvent(Connection c, String name, Instant at, WorkstreamState from, WorkstreamState to,
                                    String actor, String reason) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO workstream_events"
                + " (workstream, at, from_state, to_state, actor, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, name);
            st.setTimestamp(2, Timestamp.from(at));
            st.setString(3, from == null ? null : from.name());
            st.setString(4, to == null ? null : to.name());
            st.setString(5, actor);
            st.setString(6, reason == null ? "" : reason);
            st.executeUpdate();
        }
    }

    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        if (value == null || value == NULL) {
            st.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            st.setTimestamp(index, Timestamp.from(instant));
        } else if (value instanceof WorkstreamState state) {
            st.setString(index, state.name());
        } else {
            st.setObject(index, value);
        }
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

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static WorkstreamState state(String s) {
        return s == null ? null : WorkstreamState.valueOf(s);
    }
}
