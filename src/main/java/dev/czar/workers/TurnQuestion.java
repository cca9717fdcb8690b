package dev.czar.workers;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether the final message of an agent's turn asks a human something: a headless agent cannot wait for an
 * answer, so a question arrives as the last text of a turn that ends without finishing the work.
 */
final class TurnQuestion {
    private static final int QUESTION_CHARS = 500;
    private static final List<Pattern> ASKING = List.of(
            Pattern.compile("\\?\\s*$"),
            Pattern.compile("\\b(should i|shall i|do you want|would you like|would you prefer|which (one|option|of)"
                    + "|please confirm|can you confirm|let me know (if|whether|which|how)|need your (input|decision|approval))\\b"),
            Pattern.compile("\\b(permission|approve|approval)\\b.*\\b(need|grant|allow|require)"),
            Pattern.compile("\\b(need|grant|allow|require)\\w*\\b.*\\b(permission|approval)\\b"));

    private TurnQuestion() {
    }

    /** Whether the text (the turn's final message) asks the user for something. */
    static boolean asks(String finalText) {
        if (finalText == null || finalText.isBlank()) {
            return false;
        }
        String tail = lastParagraph(finalText).toLowerCase(Locale.ROOT);
        return ASKING.stream().anyMatch(p -> p.matcher(tail).find());
    }

    /** The question to show: the final message's last paragraph, cut to a status line's worth. */
    static String question(String finalText) {
        String q = lastParagraph(finalText).replaceAll("\\s+", " ").strip();
        return q.length() <= QUESTION_CHARS ? q : "..." + q.substring(q.length() - QUESTION_CHARS + 3);
    }

    private static String lastParagraph(String text) {
        String[] paragraphs = text.strip().split("\\n\\s*\\n");
        return paragraphs[paragraphs.length - 1];
    }
}
