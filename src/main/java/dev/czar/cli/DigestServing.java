package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.chat.ChatGateway;
import dev.czar.config.DigestConfig;
import dev.czar.digest.AlertThrottle;
import dev.czar.digest.AlertWatcher;
import dev.czar.digest.DigestSchedule;
import dev.czar.digest.DigestScheduler;
import dev.czar.web.Dashboard;
import dev.czar.workers.WorkerNotices;
import dev.czar.workers.WorkstreamThreads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code czar serve} runs besides the Slack front door: alerts to workstream threads, scheduled digests, and
 * the dashboard. Closing it stops all three.
 */
final class DigestServing implements AutoCloseable {
    static final long CHECK_EVERY_SECONDS = 30;

    private final List<AutoCloseable> parts;

    private DigestServing(List<AutoCloseable> parts) {
        this.parts = parts;
    }

    /** @throws dev.czar.UserError on a bad schedule or a dashboard that may not or cannot start */
    static DigestServing start(CzarApp app, ChatGateway chat, Clock clock) {
        DigestConfig config = app.config().digest();
        List<DigestSchedule> schedules = new ArrayList<>();
        for (int i = 0; i < config.schedules().size(); i++) {
            schedules.add(DigestSchedule.parse(config.schedules().get(i), i));
        }
        // workstreams launched from Slack carry their channel and thread; the others' notices stay in the log
        WorkerNotices threads = new WorkstreamThreads(app.workers().store()).notices(chat);
        AlertThrottle throttle = new AlertThrottle(threads, app.database(), clock, config.alertRepeatAfterDuration(),
                config.alertsPerHour());
        app.workers().notifyVia(throttle);
        var composer = app.digests().composer();
        AlertWatcher alerts = new AlertWatcher(app.workers(), composer.bench(), throttle, config.regressionThreshold());
        alerts.start(CHECK_EVERY_SECONDS);
        DigestScheduler scheduler = new DigestScheduler(schedules, app.digests(), composer.bench(), chat, clock);
        scheduler.start(CHECK_EVERY_SECONDS);
        List<AutoCloseable> parts = new ArrayList<>(List.of(alerts, scheduler));
        try {
            Dashboard dashboard = DashboardCommand.start(app, clock, null);
            parts.add(dashboard);
        } catch (RuntimeException e) {
            new DigestServing(parts).close();
            throw e;
        }
        return new DigestServing(parts);
    }

    Optional<String> dashboardUrl() {
        return parts.stream().filter(p -> p instanceof Dashboard).map(p -> ((Dashboard) p).url()).findFirst();
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(DigestServing.class).warn("stopping {}: {}", part, e.toString());
            }
        }
    }
}
