package dev.czar.slack;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import dev.czar.chat.Answer;
import dev.czar.chat.Evidence;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * The one place that turns czar's words into Block Kit: the answer as sections, its evidence as context lines
 * (short SHAs, branch names, links), and the Confirm/Cancel prompt for destructive commands. Keeps within Slack's
 * limits (3000 characters per text, 10 elements per context block, 50 blocks per message) by splitting and, past
 * the block limit, cutting with a note, so Slack never rejects a reply.
 */
final class BlockKitRenderer {
    static final int MAX_TEXT = 3000;
    static final int MAX_BLOCKS = 50;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    static final String CONFIRM_ACTION = "czar_confirm";
    static final String CANCEL_ACTION = "czar_cancel";

    /** A message ready for chat.postMessage: blocks, plus the plain text Slack shows in notifications. */
    record Rendered(String text, List<LayoutBlock> blocks) {
    }

    Rendered answer(Answer answer) {
        List<LayoutBlock> evidence = evidenceBlocks(answer.evidence());
        List<String> chunks = chunks(SlackText.plain(answer.text()), MAX_TEXT);
        int room = MAX_BLOCKS - Math.min(evidence.size(), MAX_BLOCKS / 2);
        List<LayoutBlock> blocks = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (blocks.size() == room - 1 && i < chunks.size() - 1) {
                int left = chunks.subList(i, chunks.size()).stream().mapToInt(String::length).sum();
                blocks.add(section(s -> s.text(markdownText("_… " + left + " more characters not shown; the full answer is in"
                        + " czar's history._"))));
                break;
            }
            String chunk = chunks.get(i);
            blocks.add(section(s -> s.text(markdownText(chunk))));
        }
        blocks.addAll(evidence.subList(0, Math.min(evidence.size(), MAX_BLOCKS - blocks.size())));
        return new Rendered(fallback(answer.text()), blocks);
    }

    /** Text czar passes on from elsewhere (digests, alerts, worker notices): every part of it is {@link SlackText#plain}. */
    Rendered plain(String text) {
        List<LayoutBlock> blocks = new ArrayList<>();
        List<String> chunks = chunks(SlackText.plain(text), MAX_TEXT);
        for (String chunk : chunks.subList(0, Math.min(chunks.size(), MAX_BLOCKS))) {
            blocks.add(section(s -> s.text(markdownText(chunk))));
        }
        return new Rendered(fallback(text), blocks);
    }

    /**
     * The answer to a slash command, headed by who ran what: a slash command leaves no message in the channel, so
     * without the echo nobody else could tell what the answer answers.
     */
    Rendered commandAnswer(String user, String command, Answer answer) {
        Rendered body = answer(answer);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(context(List.of(markdownText(cut(SlackText.user(user) + " ran `" + code(command) + "`", MAX_TEXT)))));
        blocks.addAll(body.blocks().subList(0, Math.min(body.blocks().size(), MAX_BLOCKS - 1)));
        return new Rendered(body.text(), blocks);
    }

    /** A short line czar wrote itself, already in mrkdwn: any outside part of it went through {@link SlackText}. */
    Rendered notice(String mrkdwn) {
        String text = cut(mrkdwn, MAX_TEXT);
        return new Rendered(text, List.of(section(s -> s.text(markdownText(text)))));
    }

    Rendered confirmationPrompt(PendingConfirmations.Pending pending, long ttlSeconds) {
        String question = SlackText.user(pending.user()) + " asked for `" + code(pending.text()) + "`. This cannot be undone."
                + " Confirm within " + (ttlSeconds >= 120 ? ttlSeconds / 60 + " minutes" : ttlSeconds + " seconds")
                + " (only the requester or an admin can).";
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(question))),
                actions(a -> a.blockId("czar_confirmation").elements(asElements(
                        button(b -> b.actionId(CONFIRM_ACTION).style("danger").text(plainText("Confirm")).value(pending.id())),
                        button(b -> b.actionId(CANCEL_ACTION).text(plainText("Cancel")).value(pending.id()))))));
        return new Rendered("Confirm " + SlackText.plain(pending.text()) + "?", blocks);
    }

    /** Replaces a prompt once decided, so its buttons cannot be pressed again. */
    Rendered decided(PendingConfirmations.Pending pending, String outcome) {
        String line = "`" + code(pending.text()) + "`: " + outcome;
        return new Rendered(SlackText.plain(pending.text()) + ": " + outcome, List.of(section(s -> s.text(markdownText(line)))));
    }

    private List<LayoutBlock> evidenceBlocks(List<Evidence> evidence) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (int from = 0; from < evidence.size(); from += MAX_CONTEXT_ELEMENTS) {
            List<ContextBlockElement> elements = new ArrayList<>();
            for (Evidence e : evidence.subList(from, Math.min(evidence.size(), from + MAX_CONTEXT_ELEMENTS))) {
                elements.add(markdownText(cut(evidenceLine(e), MAX_TEXT)));
            }
            blocks.add(context(elements));
        }
        return blocks;
    }

    static String evidenceLine(Evidence e) {
        String ref = "git".equals(e.source()) && e.ref() != null && e.ref().matches("[0-9a-f]{40}")
                ? e.ref().substring(0, 7) : e.ref();
        String shown = e.url() == null || e.url().isBlank() ? "`" + code(ref) + "`" : SlackText.link(e.url(), ref);
        String detail = e.detail() == null || e.detail().isBlank() ? "" : " " + SlackText.plain(e.detail());
        return SlackText.plain(e.source()) + " " + shown + detail;
    }

    /** Splits at line breaks where possible so sections read naturally; never splits a surrogate pair. */
    static List<String> chunks(String text, int max) {
        List<String> chunks = new ArrayList<>();
        String rest = text.isEmpty() ? " " : text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = Character.isHighSurrogate(rest.charAt(max - 1)) ? max - 1 : max;
            }
            chunks.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            chunks.add(rest);
        }
        return chunks;
    }

    private static String code(String text) {
        return SlackText.code(text);
    }

    /** The notification text: Slack parses it like mrkdwn, so it is rendered like the blocks. */
    private static String fallback(String text) {
        return cut(SlackText.plain(text), MAX_TEXT);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
