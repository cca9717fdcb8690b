package dev.czar.cli;

import dev.czar.workers.FleetHistory;
import dev.czar.workers.GateItem;
import dev.czar.workers.Workers;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamEvent;

import java.io.PrintWriter;
import java.util.List;

/** Runs the supervisor in this process and prints workstream events as they are recorded. */
final class FleetFollower {
    private final Workers workers;
    private final FleetHistory history;
    private final PrintWriter out;
    private long lastEvent;

    FleetFollower(Workers workers, PrintWriter out) {
        this.workers = workers;
        this.history = workers.history();
        this.out = out;
        // the newest id, not the newest of the first page: a home with many events must not replay old ones
        this.lastEvent = history.lastEventId();
    }

    /** Supervises until {@code name} is DONE, FAILED or KILLED; prints its gate report at the end. */
    Workstream followUntilFinished(String name) {
        workers.supervisor().start();
        while (true) {
            printNew(name);
            Workstream ws = workers.find(name).orElseThrow();
            if (ws.state().finished()) {
                printNew(name);
                List<GateItem> gate = history.latestGate(name);
                if (!gate.isEmpty()) {
                    out.println("Definition of Done for " + name + ":");
                    gate.forEach(item -> out.println("  " + item.line()));
                }
                out.println(name + " ended " + ws.state().name() + ".");
                out.flush();
                return ws;
            }
            pause();
        }
    }

    /** Supervises until the process is stopped (Ctrl-C ends every worker first). */
    void followForever() {
        workers.supervisor().start();
        while (true) {
            try {
                printNew(null);
            } catch (RuntimeException e) {
                if (shuttingDown()) {
                    return; // Ctrl-C: the database closes with the JVM while the supervisor ends its workers
                }
                throw e;
            }
            pause();
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private void printNew(String only) {
        for (WorkstreamEvent e : history.eventsAfter(lastEvent)) {
            lastEvent = e.id();
            if (only == null || only.equals(e.workstream())) {
                String move = e.to() == null ? "note" : (e.from() == null ? "" : e.from() + " -> ") + e.to();
                out.println(e.at() + "  " + e.workstream() + "  " + move + "  (" + e.actor() + ")  "
                        + e.reason().replace("\n", "\n      "));
            }
        }
        out.flush();
    }

    private void pause() {
        try {
            Thread.sleep(Math.max(100, workers.config().pollEvery().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
