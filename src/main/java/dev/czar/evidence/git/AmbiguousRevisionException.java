package dev.czar.evidence.git;

import java.util.List;

/** A name that git's revision rules resolve to more than one thing; the answer names the candidates. */
public final class AmbiguousRevisionException extends GitEvidenceException {
    private final List<String> candidates;

    public AmbiguousRevisionException(String name, List<String> candidates) {
        super("'" + name + "' is ambiguous: it could be " + String.join(", ", candidates) + "; ask with the full name");
        this.candidates = List.copyOf(candidates);
    }

    public List<String> candidates() {
        return candidates;
    }
}
