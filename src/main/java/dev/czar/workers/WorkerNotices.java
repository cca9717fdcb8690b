package dev.czar.workers;

/**
 * What the supervisor says about a workstream (a question asked, unblocked, refused, done). Not a port of its own:
 * notices reach a chat only as posts on the {@code ChatGateway}, in the workstream's thread
 * ({@link WorkstreamThreads#notices}); without a chat they go to the log.
 */
@FunctionalInterface
public interface WorkerNotices {
    void tell(Workstream workstream, String text);

    static WorkerNotices toLog() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WorkerNotices.class);
        return (ws, text) -> log.info("[{}] {}", ws.name(), text);
    }
}
