package dev.czar.agent;

import dev.langchain4j.exception.RetriableException;

/** The provider could not be reached at all (connection refused, DNS, reset): worth a retry. */
final class ProviderUnreachableException extends RetriableException {
    ProviderUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
