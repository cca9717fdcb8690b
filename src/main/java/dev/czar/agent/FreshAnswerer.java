package dev.czar.agent;

import dev.czar.chat.Answer;
import dev.czar.chat.Message;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Status answers from a fresh view of the remote (issue 19): before each one the remote is fetched (the fetch
 * bounds itself by {@code git.fetch-interval}); when the last fetch failed the answer still comes, from what was
 * fetched last, and ends with one line saying how old that is and why.
 */
public final class FreshAnswerer implements Answerer {
    private final Answerer inner;
    private final Runnable fetch;
    private final Supplier<Optional<String>> staleness;

    /**
     * @param fetch     fetches the remote when due; never throws
     * @param staleness e.g. "remote origin last fetched 12 min ago: git fetch failed: …", empty when fresh
     */
    public FreshAnswerer(Answerer inner, Runnable fetch, Supplier<Optional<String>> staleness) {
        this.inner = inner;
        this.fetch = fetch;
        this.staleness = staleness;
    }

    @Override
    public Answer converse(Message message) {
        return inner.converse(message);
    }

    @Override
    public Answer status(Message message) {
        fetch.run();
        Answer answer = inner.status(message);
        return staleness.get().map(line -> answer.withText(answer.text().stripTrailing() + "\n(" + line + ")"))
                .orElse(answer);
    }
}
