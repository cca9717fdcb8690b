package dev.czar.agent;

import dev.czar.chat.Answer;
import dev.czar.chat.Message;

/**
 * Produces answers for the two non-command intents. The offline implementation routes deterministically to
 * evidence; the LLM agent (when configured) replaces it behind this same interface.
 */
public interface Answerer {
    /** Answers a CONVERSATION message. Must not consult any tool. */
    Answer converse(Message message);

    /** Answers a STATUS question from evidence tools only, read-only; every fact stated is cited. */
    Answer status(Message message);
}
