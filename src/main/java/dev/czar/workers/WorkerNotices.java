package dev.czar.workers;

/**
 * Where the supervisor tells a workstream's thread what happened (a question asked, unblocked, refused, done).
 * The Slack front door posts to the thread the workstream was launched from; without it notices go to the log.
 */
@FunctionalInterface
public interface WorkerNotices {
    void tell(Workstream workstream, String text);

    static WorkerNotices toLog() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WorkerNotices.class);
        return (ws, text) -> log.info("[{}] {}", ws.name(), text);
    }
}
