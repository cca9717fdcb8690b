package dev.czar.testsupport;

/**
 * The two tasks of the seeds' headline failure (a worker given the Gateway API built the audit log instead), used by
 * the task-fit tests so they all judge the same texts.
 */
public final class SeedTasks {
    public static final String GATEWAY = "Build the Gateway API: REST endpoints that route client requests to the "
            + "backend services, with request validation";
    public static final String AUDIT = "Add a tamper-evident audit log: every admin action is recorded in an "
            + "append-only hash chain";

    private SeedTasks() {
    }
}
