package dev.czar.digest;

import dev.czar.workers.AlertGroups;
import dev.czar.workers.FleetHistory;
import dev.czar.workers.PullRequestSource;
import dev.czar.workers.WorkerNotices;
import dev.czar.workers.Workers;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamEvent;
import dev.czar.workers.WorkstreamState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns state the supervisor records but does not announce into alerts on the workstream's thread: a worker gone
 * STUCK, a predicted conflict or duplicate, a benchmark regression beyond {@code digest.regression-threshold}, checks
 * gone red on its pull request.
 * (FAILED and refused "done" are told by the supervisor itself.) Everything goes through the same notices as the
 * supervisor's, normally an {@link AlertThrottle}, which de-duplicates and rate-limits.
 */
public final class AlertWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWatcher.class);

    private final Workers workers;
    private final FleetHistory history;
    private final BenchSource bench;
    private final WorkerNotices notices;
    private final double regressionThreshold;
    private long lastEventId;
    /** {@code number@head} of the red pull-request heads already told. */
    private final java.util.Set<String> redHeads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    /** Starts after the newest event recorded so far: history is the digest's business, not an alert's. */
    public AlertWatcher(Workers workers, BenchSource bench, WorkerNotices notices, double regressionThreshold) {
        this.workers = workers;
        this.history = workers.history();
        this.bench = bench;
        this.notices = notices;
        this.regressionThreshold = regressionThreshold;
        this.lastEventId = history.lastEventId();
    }

    public void start(long everySeconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "czar-alerts");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("alert check failed", e); // keep checking
            }
        }, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    /** One check: new STUCK transitions, current conflict/duplicate predictions, regressions of active branches. */
    public void tick() {
        List<WorkstreamEvent> events = history.eventsAfter(lastEventId);
        for (WorkstreamEvent e : events) {
            lastEventId = Math.max(lastEventId, e.id());
            if (e.to() == WorkstreamState.STUCK && e.from() != WorkstreamState.STUCK) {
                workers.find(e.workstream()).ifPresent(ws -> notices.tell(ws, "STUCK: " + firstLine(e.reason())));
            }
        }
        for (AlertGroups.Group group : AlertGroups.of(workers.alerts())) { // issue 24: one line per duplicate cluster
            for (String name : group.members()) {
                workers.find(name).filter(ws -> !ws.state().finished()).ifPresent(ws -> notices.tell(ws, group.line()));
            }
        }
        pullRequestsGoneRed();
        Optional<String> main = workers.mainBranch();
        if (bench.configured() && main.isPresent()) {
            for (Workstream ws : workers.all().stream().filter(w -> !w.state().finished()).toList()) {
                for (BenchSource.BenchChange c : bench.changes(main.get(), ws.branch())) {
                    if (c.regression() && c.magnitude() > regressionThreshold) {
                        notices.tell(ws, String.format(Locale.ROOT, "benchmark regression on %s: %s %s, ratio %.2f vs %s"
                                + " (rows %s)", ws.branch(), c.series(), c.verdict(), c.ratio(), main.get(), c.rows()));
                    }
                }
            }
        }
    }

    /** issue 19: a pull request whose checks went red at its head is told once per head, with the failed checks. */
    private void pullRequestsGoneRed() {
        for (PullRequestSource.Entry pr : workers.pullRequests().entries()) {
            if (!"red".equals(pr.checks()) || pr.headSha() == null || !redHeads.add(pr.number() + "@" + pr.headSha())) {
                continue;
            }
            workers.find(pr.workstream()).filter(ws -> !ws.state().finished()).ifPresent(ws -> notices.tell(ws,
                    "checks went red on pull request #" + pr.number() + " at " + pr.headSha().substring(0, Math.min(7,
                    pr.headSha().length())) + (pr.redChecks().isEmpty() ? "" : ": " + String.join(", ", pr.redChecks()))
                    + " " + pr.url()));
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
