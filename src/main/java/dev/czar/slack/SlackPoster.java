package dev.czar.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything czar writes to Slack goes through here: posts, updates and reactions, each retried. A 429 waits for
 * Slack's {@code Retry-After}; server errors and network failures back off exponentially. A reply that still
 * fails is parked in the {@link SlackOutbox}, never dropped.
 */
final class SlackPoster {
    private static final Logger LOG = LoggerFactory.getLogger(SlackPoster.class);
    /** Slack errors that say a retry can succeed; anything else (channel_not_found, invalid_blocks…) will not. */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    /** One Web API call, run again on each try. */
    @FunctionalInterface
    interface SlackCall<T extends SlackApiTextResponse> {
        T run(MethodsClient client) throws IOException, SlackApiException;
    }

    private final MethodsClient client;
    private final SlackOutbox outbox;
    private final int attempts;
    private final long backoffMs;

    SlackPoster(MethodsClient client, SlackOutbox outbox, int attempts, long backoffMs) {
        this.client = client;
        this.outbox = outbox;
        this.attempts = attempts;
        this.backoffMs = backoffMs;
    }

    /**
     * Posts a message, in {@code threadTs}'s thread when given.
     *
     * @return the new message's ts, or empty when Slack would not take it (the reply is then in the outbox)
     */
    Optional<String> post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        try {
            ChatPostMessageResponse response = call("chat.postMessage", c -> c.chatPostMessage(r -> r
                    .channel(channel).threadTs(threadTs).text(text).blocks(blocks)));
            return Optional.ofNullable(response.getTs());
        } catch (SlackCallFailed e) {
            LOG.error("reply to {} thread {} parked in the outbox: {}", channel, threadTs, e.getMessage());
            outbox.park(channel, threadTs, text, GsonFactory.createSnakeCase().toJson(blocks), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Uploads a file into a thread with Slack's current upload flow (files.getUploadURLExternal, the upload itself,
     * files.completeUploadExternal), as Bolt's filesUploadV2 does it. Not parked when it fails: a chart is not a reply.
     */
    boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
        return quietly("files.uploadV2", c -> c.filesUploadV2(r -> r.channel(channel).threadTs(threadTs).filename(filename)
                .fileData(data).title(title).requestFileInfo(false)));
    }

    /** Replaces a message czar posted earlier (used to retire Confirm/Cancel buttons). */
    boolean update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        return quietly("chat.update", c -> c.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)));
    }

    boolean react(String channel, String ts, String emoji) {
        return quietly("reactions.add", c -> c.reactionsAdd(r -> r.channel(channel).timestamp(ts).name(emoji)));
    }

    boolean unreact(String channel, String ts, String emoji) {
        return quietly("reactions.remove", c -> c.reactionsRemove(r -> r.channel(channel).timestamp(ts).name(emoji)));
    }

    /** Re-posts what the outbox holds; returns how many went out. */
    int flushOutbox() {
        int posted = 0;
        for (SlackOutbox.Parked parked : outbox.unposted()) {
            try {
                call("chat.postMessage", c -> c.chatPostMessage(r -> r.channel(parked.channel())
                        .threadTs(parked.threadTs()).text(parked.text()).blocksAsString(parked.blocksJson())));
                outbox.markPosted(parked.id());
                posted++;
            } catch (SlackCallFailed e) {
                LOG.warn("outbox reply {} still not accepted: {}", parked.id(), e.getMessage());
            }
        }
        return posted;
    }

    private boolean quietly(String method, SlackCall<? extends SlackApiTextResponse> call) {
        try {
            call(method, call);
            return true;
        } catch (SlackCallFailed e) {
            LOG.warn("{} failed: {}", method, e.getMessage());
            return false;
        }
    }

    <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        String lastError = "not tried";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long waitMs = backoffMs << (attempt - 1);
            try {
                T response = call.run(client);
                if (response.isOk()) {
                    return response;
                }
                lastError = "Slack said " + response.getError();
                if (!TRANSIENT.contains(response.getError())) {
                    break;
                }
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                lastError = "HTTP " + status;
                if (status == 429) {
                    waitMs = retryAfterMs(e, waitMs);
                } else if (status < 500) {
                    break;
                }
            } catch (IOException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (attempt < attempts) {
                LOG.info("{} attempt {} failed ({}); retrying in {} ms", method, attempt, lastError, waitMs);
                sleep(waitMs);
            }
        }
        throw new SlackCallFailed(method + " failed: " + lastError);
    }

    private static long retryAfterMs(SlackApiException e, long fallback) {
        String header = e.getResponse().header("Retry-After");
        try {
            return header == null ? fallback : Math.max(0, Long.parseLong(header.strip())) * 1000;
        } catch (NumberFormatException notSeconds) {
            return fallback;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("interrupted while waiting to retry");
        }
    }

    /** A Web API call that did not succeed within its tries. */
    static final class SlackCallFailed extends RuntimeException {
        SlackCallFailed(String message) {
            super(message);
        }
    }
}
