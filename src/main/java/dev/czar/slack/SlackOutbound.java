package dev.czar.slack;

import dev.czar.chat.ChatGateway;

import java.util.Optional;

/**
 * What other features may post to Slack on their own (scheduled digests, charts, alerts), through the same retrying
 * poster and outbox as replies. Plain text in, no Slack types out, so callers need not import the SDK.
 */
public final class SlackOutbound implements ChatGateway {
    private final SlackPoster poster;
    private final BlockKitRenderer renderer = new BlockKitRenderer();

    SlackOutbound(SlackPoster poster) {
        this.poster = poster;
    }

    /**
     * Posts text to a channel, in {@code threadTs}'s thread when given; the new message's ts, or empty if parked.
     * The text is taken as plain (it quotes worker output, branch names, commit subjects): rendered inert, with
     * control characters removed and secrets masked, in the blocks and in the notification text alike.
     */
    @Override
    public Optional<String> post(String channel, String threadTs, String text) {
        BlockKitRenderer.Rendered rendered = renderer.plain(text);
        return poster.post(channel, threadTs, rendered.text(), rendered.blocks());
    }

    /** Uploads a file (e.g. a PNG chart) into a thread; whether Slack took it. */
    @Override
    public boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
        return poster.upload(channel, threadTs, filename, data, title);
    }
}
