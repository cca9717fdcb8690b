package dev.czar.review;

import dev.czar.agent.SecretScanner;

import java.util.Optional;

/**
 * The review's reading of credentials: which kind of secret a line holds, named for a finding ("GitHub token").
 * The patterns live in the {@link SecretScanner} (one place for the whole of czar); a review reports only what is
 * surely a credential, while masking (the {@link dev.czar.agent.Redactor}) also hides merely suspicious values.
 */
public final class Secrets {
    private Secrets() {
    }

    /** The kind of the first credential in {@code line}, if any. */
    static Optional<String> kindIn(String line) {
        return SecretScanner.scan(line).findings().stream()
                .filter(SecretScanner.Finding::certain)
                .map(f -> f.kind().title())
                .findFirst();
    }
}
