package dev.czar.store;

/** The database refused an operation; a programming or environment error, logged with its cause. */
public final class StoreException extends RuntimeException {
    public StoreException(String doing, Throwable cause) {
        super("store failed while " + doing + ": " + cause.getMessage(), cause);
    }
}
