package dev.czar.digest;

import dev.czar.chat.Evidence;

import java.util.List;

/** One line of a digest with the facts it was built from. */
public record DigestLine(String text, List<Evidence> evidence) {
    public DigestLine {
        evidence = List.copyOf(evidence);
    }

    static DigestLine of(String text, Evidence... evidence) {
        return new DigestLine(text, List.of(evidence));
    }

    /** The text with its evidence refs, e.g. {@code "... [git 1a2b3c4]"}. */
    public String render() {
        if (evidence.isEmpty()) {
            return text;
        }
        StringBuilder refs = new StringBuilder();
        for (Evidence e : evidence) {
            refs.append(refs.isEmpty() ? " [" : ", ").append(e.source()).append(' ').append(shortRef(e));
        }
        return text + refs + "]";
    }

    private static String shortRef(Evidence e) {
        // full SHAs stay in the evidence; seven characters are enough for a person reading the line
        return e.ref().replaceAll("\\b([0-9a-f]{7})[0-9a-f]{33}\\b", "$1");
    }
}
