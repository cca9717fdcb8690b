package dev.czar.agent;

import dev.czar.config.LlmConfig;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider behind a time limit (the HTTP read timeout), a retry with back-off for transient failures that
 * honours {@code Retry-After}, and a circuit breaker. Every round trip actually sent is counted on the caller's
 * {@link LlmCallMeter}; when the provider cannot answer, {@link LlmUnavailableException} says why in one line.
 */
final class ResilientChatModel {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientChatModel.class);

    private final ChatModel model;
    private final Retry retry;
    private final CircuitBreaker breaker;

    ResilientChatModel(ChatModel model, LlmConfig config) {
        this.model = model;
        long backoff = config.retryBackoffMillis();
        long maxWait = Duration.ofSeconds(config.timeoutSeconds()).toMillis();
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            Optional<Duration> asked = outcome.isLeft() ? retryAfter(outcome.getLeft()) : Optional.empty();
            long wait = asked.map(Duration::toMillis).orElse(backoff * (1L << Math.min(attempt - 1, 10)));
            return Math.min(wait, maxWait);
        };
        this.retry = Retry.of("llm", RetryConfig.custom()
                .maxAttempts(config.maxRetries() + 1)
                .intervalBiFunction(interval)
                .retryOnException(ResilientChatModel::isTransient)
                .build());
        this.breaker = CircuitBreaker.of("llm", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.breakerFailureThreshold())
                .minimumNumberOfCalls(config.breakerFailureThreshold())
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofSeconds(config.breakerOpenSeconds()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        retry.getEventPublisher().onRetry(e -> LOG.warn("LLM round trip failed ({}), retry {} in {} ms",
                e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage(), e.getNumberOfRetryAttempts(),
                e.getWaitInterval().toMillis()));
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("LLM circuit breaker: {}", e.getStateTransition()));
    }

    /** One answer's worth of model call, retried as configured. */
    ChatResponse chat(ChatRequest request, LlmCallMeter meter) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, () -> {
                meter.roundTrip();
                ChatResponse response = model.chat(request);
                meter.tokens(response.tokenUsage());
                return response;
            })).get();
        } catch (CallNotPermittedException e) {
            throw new LlmUnavailableException("the circuit breaker is open after repeated provider failures", e);
        } catch (RuntimeException e) {
            throw new LlmUnavailableException(describe(e), e);
        }
    }

    private static boolean isTransient(Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode() == 429 || http.statusCode() == 408 || http.statusCode() >= 500;
            }
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Duration> retryAfter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProviderHttpException http) {
                return http.retryAfter();
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return switch (http.statusCode()) {
                    case 401, 403 -> "the provider refused the API key (HTTP " + http.statusCode() + "; check llm.api-key)";
                    case 404 -> "the provider does not know this endpoint or model (HTTP 404; check llm.base-url and llm.model)";
                    case 429 -> "the provider is rate-limiting us (HTTP 429)";
                    default -> "the provider failed (HTTP " + http.statusCode() + ")";
                };
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof ProviderUnreachableException) {
                return t.getMessage();
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return "the provider's reply could not be used (" + message + ")";
    }
}
