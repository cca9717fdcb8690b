package dev.czar;

import dev.czar.workers.WorkerNotices;
import dev.czar.workers.Workstream;

/**
 * The supervisor's notices in this process: to the log until {@code czar serve} has a chat that can post
 * ({@link Czar#serve}), then to each workstream's thread through the alert throttle. This is the composition's one
 * late binding: Slack's outbound side exists only once its front door has started, and that needs the assembled app
 * (its chat path, which runs the worker commands).
 */
public final class FrontDoorNotices implements WorkerNotices {
    private volatile WorkerNotices target = WorkerNotices.toLog();

    @Override
    public void tell(Workstream workstream, String text) {
        target.tell(workstream, text);
    }

    /** Sends every notice from now on to {@code served} (a started front door's threads). */
    public void postThrough(WorkerNotices served) {
        this.target = served;
    }
}
