package dev.czar.workers;

/**
 * What the workers of a backend can do beyond running and being ended, so the supervisor and the commands refuse
 * the rest in one clear line instead of failing somewhere inside.
 *
 * @param pause     a running worker can be stopped and continued (local: SIGSTOP/SIGCONT to its process group)
 * @param stdin     an operator's answer can be written to a running worker's stdin
 * @param hostFiles the worker sees czar's host file system (its status file, czar's MCP server, the agent's
 *                  session files); a worker in a pod does not
 */
public record WorkerCapabilities(boolean pause, boolean stdin, boolean hostFiles) {
    /** Local processes: everything. */
    public static final WorkerCapabilities LOCAL = new WorkerCapabilities(true, true, true);
}
