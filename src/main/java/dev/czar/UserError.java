package dev.czar;

/**
 * A failure the user caused and can fix: bad flags, a path that is not a repository, a malformed config.
 * Its message is one line that says what is wrong and what to do; front doors print it without a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
