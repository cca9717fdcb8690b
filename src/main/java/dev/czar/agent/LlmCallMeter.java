package dev.czar.agent;

import dev.czar.chat.Tokens;
import dev.langchain4j.model.output.TokenUsage;

/** Counts, for one answer, the round trips really sent to the model and the tokens they cost. */
final class LlmCallMeter {
    private int roundTrips;
    private Tokens tokens = Tokens.NONE;

    void roundTrip() {
        roundTrips++;
    }

    void tokens(TokenUsage usage) {
        if (usage != null) {
            tokens = tokens.plus(new Tokens(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount())));
        }
    }

    int roundTrips() {
        return roundTrips;
    }

    Tokens total() {
        return tokens;
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
