package dev.czar.cli;

import dev.czar.chat.Answer;
import dev.czar.chat.Evidence;

/** Renders an answer for a terminal: the text, then the evidence it was built from, one line per fact. */
public final class AnswerText {
    private AnswerText() {
    }

    public static String render(Answer answer) {
        StringBuilder out = new StringBuilder(answer.text());
        if (!answer.evidence().isEmpty()) {
            out.append("\n  evidence:");
            for (Evidence e : answer.evidence()) {
                out.append("\n    ").append(e.source()).append(' ').append(shortRef(e)).append("  ").append(e.detail());
                if (e.url() != null) {
                    out.append("  ").append(e.url());
                }
            }
        }
        if (!answer.unverified().isEmpty()) {
            out.append("\n  unverified (no tool result backs these): ").append(String.join(", ", answer.unverified()));
        }
        return out.toString();
    }

    private static String shortRef(Evidence e) {
        return "git".equals(e.source()) && e.ref().length() == 40 ? e.ref().substring(0, 7) : e.ref();
    }
}
