package dev.czar.agent;

/** The language model could not produce an answer; the message says why in words a user can act on. */
final class LlmUnavailableException extends RuntimeException {
    LlmUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
