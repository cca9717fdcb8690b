package dev.czar.review;

import java.time.Duration;

/**
 * How a review runs.
 *
 * @param maxParallel    personas reviewing at the same time
 * @param personaTimeout time limit for one persona's model call, retry included
 * @param tokenBudget    upper bound on the estimated tokens of any one request sent to the model
 */
public record ReviewSettings(int maxParallel, Duration personaTimeout, int tokenBudget) {
    /** Tokens kept free in each request for the output-format instructions LangChain4j appends and the JSON envelope. */
    static final int REQUEST_OVERHEAD_TOKENS = 500;
}
