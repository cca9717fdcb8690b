package dev.czar.slack;

import dev.czar.chat.Answer;

/** Posts czar's answers where the question was asked and remembers the thread, so follow-ups there need no mention. */
final class ThreadReplies {
    static final String SORRY = "Sorry, something went wrong while answering that. The details are in czar's log.";
    static final String BUSY = "I'm answering a lot of questions right now; please ask again in a minute.";

    private final BlockKitRenderer renderer;
    private final SlackPoster poster;
    private final ThreadMemory threads;

    ThreadReplies(BlockKitRenderer renderer, SlackPoster poster, ThreadMemory threads) {
        this.renderer = renderer;
        this.poster = poster;
        this.threads = threads;
    }

    void reply(SlackTurn turn, Answer answer) {
        String text = turn.message().text();
        BlockKitRenderer.Rendered rendered = text.startsWith(SlackListeners.COMMAND)
                ? renderer.commandAnswer(turn.message().user(), text, answer) : renderer.answer(answer);
        if (turn.replyTs() != null) {
            // joined before posting: a follow-up sent the instant the answer shows must already find the thread
            threads.join(turn.channel(), turn.replyTs());
        }
        poster.post(turn.channel(), turn.replyTs(), rendered.text(), rendered.blocks());
    }

    /** Posts a line czar wrote itself (may hold mentions such as {@code <@U123>}, so it is not escaped). */
    void say(SlackTurn turn, String mrkdwn) {
        BlockKitRenderer.Rendered rendered = renderer.notice(mrkdwn);
        poster.post(turn.channel(), turn.replyTs(), rendered.text(), rendered.blocks());
    }
}
