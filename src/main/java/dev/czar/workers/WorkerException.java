package dev.czar.workers;

/** A worker operation failed for a reason worth showing to the operator as one line. */
public final class WorkerException extends RuntimeException {
    public WorkerException(String message) {
        super(message);
    }

    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
