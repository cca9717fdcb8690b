package dev.czar.workers;

import java.time.Instant;

/**
 * One task given to one worker on its own branch, as stored.
 *
 * @param task       the full task text, given verbatim to the worker
 * @param baseSha    the main commit its branch was created from, once a working copy exists
 * @param dependsOn  the workstream that must be DONE first, or {@code null}
 * @param attempts   how many times a worker process was started for it
 * @param fixRounds  how often the Definition of Done gate sent it back
 * @param owner      id of the supervisor that runs it while active
 * @param pid        the worker's process (group leader) while active
 * @param reason     why it is in its current state (failure text, question asked…)
 * @param nextInput  text the next run gets after the task (gate failures), or {@code null}
 * @param notBefore  earliest start of the next attempt (retry backoff)
 * @param pausedFrom the state it was paused in while {@link WorkstreamState#PAUSED}, else {@code null}
 */
public record Workstream(String name, String task, int priority, String dependsOn, String branch, String baseSha,
                         WorkstreamState state, int attempts, int fixRounds, int lostRequeues, String launchedBy,
                         String channel, String thread, String owner, Long pid, Instant pidStartedAt,
                         Integer exitCode, String reason, String nextInput, Instant notBefore,
                         Instant createdAt, Instant updatedAt, WorkstreamState pausedFrom) {

    /** Branch prefix of every workstream branch. */
    public static final String BRANCH_PREFIX = "czar/";

    public static String branchFor(String name) {
        return BRANCH_PREFIX + name;
    }

    /**
     * Whether a worker process exists for it: running, or paused with its process stopped. An agent waiting for an
     * answer after its turn ended ({@code NEEDS_INPUT} without a pid) has none: the answer resumes its session.
     */
    public boolean holdsProcess() {
        WorkstreamState live = state == WorkstreamState.PAUSED ? pausedFrom : state;
        return live != null && WorkstreamState.WITH_PROCESS.contains(live)
                && (live != WorkstreamState.NEEDS_INPUT || pid != null);
    }

    /** The first line of the task, cut to fit a status line. */
    public String summary() {
        String first = task.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        first = first.replaceFirst("^#+\\s*", "");
        return first.length() <= 100 ? first : first.substring(0, 97) + "...";
    }
}
