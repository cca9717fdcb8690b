package dev.czar.agent;

/**
 * Carries the cost of round trips made while routing a message (intent refinement) over to the answer of that
 * message, so that {@code llm_calls} and {@code tokens} count every round trip. Routing and answering run on
 * the same thread, one message at a time per thread.
 */
final class PendingCalls {
    private final ThreadLocal<LlmCallMeter> pending = ThreadLocal.withInitial(LlmCallMeter::new);

    /** The meter that calls made now are counted on. */
    LlmCallMeter current() {
        return pending.get();
    }

    /** The meter so far, handed to the answer; the thread starts a fresh one. */
    LlmCallMeter take() {
        LlmCallMeter meter = pending.get();
        pending.remove();
        return meter;
    }
}
