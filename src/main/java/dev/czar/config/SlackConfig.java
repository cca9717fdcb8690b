package dev.czar.config;

import java.util.List;

/**
 * Slack front door. Off unless {@code SLACK_BOT_TOKEN} is set when {@code czar serve} starts; tokens never live
 * here, only in the environment.
 *
 * @param apiUrl            Slack Web API base URL; overridable for tests and local stubs
 * @param workers           threads that produce answers; events beyond them wait in the queue. {@code 0} = auto:
 *                          half the cores (at least 1) for offline answers, which compete with acknowledgements for
 *                          the CPU; 4 when an LLM answers, since those answers mostly wait on the network
 * @param queueCapacity     answers waiting for a worker before new events are turned away with a "busy" reply
 * @param workingAfterMs    an answer slower than this gets a "working on it" reaction on the question
 * @param confirmTtlSeconds how long a Confirm/Cancel button for a destructive command stays valid
 * @param postAttempts      tries per Slack Web API call before the reply is parked in the outbox
 * @param retryBackoffMs    first pause between tries (doubles each time) when Slack sent no Retry-After
 * @param channels          channel ids the bot answers in; empty = every channel it is invited to (DMs always)
 * @param workspaceUrl      the workspace's address ({@code https://acme.slack.com}) for links to a workstream's thread
 *                          (pull request bodies); empty = the thread is named without a link
 * @param reclaimAfterSeconds issue 23: a replica that has not heartbeated for this long is taken for gone, and the
 *                          questions it acknowledged but never answered are answered by another replica
 */
public record SlackConfig(String apiUrl, Integer workers, Integer queueCapacity, Integer workingAfterMs,
                          Integer confirmTtlSeconds, Integer postAttempts, Integer retryBackoffMs, List<String> channels,
                          String workspaceUrl, Integer reclaimAfterSeconds) {
    public SlackConfig {
        apiUrl = apiUrl != null && !apiUrl.isBlank() ? apiUrl.strip() : "https://slack.com/api/";
        workers = workers != null ? workers : 0;
        queueCapacity = queueCapacity != null ? queueCapacity : 5000;
        workingAfterMs = workingAfterMs != null ? workingAfterMs : 1500;
        confirmTtlSeconds = confirmTtlSeconds != null ? confirmTtlSeconds : 300;
        postAttempts = postAttempts != null ? postAttempts : 4;
        retryBackoffMs = retryBackoffMs != null ? retryBackoffMs : 500;
        channels = channels != null ? List.copyOf(channels) : List.of();
        workspaceUrl = workspaceUrl != null ? workspaceUrl.strip().replaceAll("/+$", "") : "";
        reclaimAfterSeconds = reclaimAfterSeconds != null ? reclaimAfterSeconds : 30;
    }

    public SlackConfig(String apiUrl, Integer workers, Integer queueCapacity, Integer workingAfterMs,
                       Integer confirmTtlSeconds, Integer postAttempts, Integer retryBackoffMs, List<String> channels,
                       String workspaceUrl) {
        this(apiUrl, workers, queueCapacity, workingAfterMs, confirmTtlSeconds, postAttempts, retryBackoffMs, channels,
                workspaceUrl, null);
    }

    public SlackConfig(String apiUrl, Integer workers, Integer queueCapacity, Integer workingAfterMs,
                       Integer confirmTtlSeconds, Integer postAttempts, Integer retryBackoffMs, List<String> channels) {
        this(apiUrl, workers, queueCapacity, workingAfterMs, confirmTtlSeconds, postAttempts, retryBackoffMs, channels, null,
                null);
    }

    public SlackConfig(String apiUrl) {
        this(apiUrl, null, null, null, null, null, null, null, null, null);
    }

    /** This config with {@code workers: 0} (auto) replaced by the thread count to use. */
    public SlackConfig resolveWorkers(boolean llmAnswers, int cores) {
        int threads = workers > 0 ? workers : llmAnswers ? 4 : Math.max(1, cores / 2);
        return new SlackConfig(apiUrl, threads, queueCapacity, workingAfterMs, confirmTtlSeconds, postAttempts,
                retryBackoffMs, channels, workspaceUrl, reclaimAfterSeconds);
    }
}
