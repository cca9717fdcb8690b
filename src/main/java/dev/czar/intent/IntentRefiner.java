package dev.czar.intent;

/**
 * Second routing tier, for messages the deterministic tier could only default. An implementation (the LLM)
 * may move a message between {@link Intent#CONVERSATION} and {@link Intent#STATUS}; the router ignores any
 * attempt to produce {@link Intent#COMMAND}, which only explicit syntax can.
 */
@FunctionalInterface
public interface IntentRefiner {
    IntentRefiner NONE = (text, proposed) -> proposed;

    Intent refine(String cleanedText, Intent proposed);
}
