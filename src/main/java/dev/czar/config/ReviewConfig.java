package dev.czar.config;

/**
 * Multi-persona reviews (issue 7). They run offline on rule packs unless {@code llm.provider} is set.
 *
 * @param personasDir           directory of persona files, relative to the supervised repository; its files add
 *                              to and replace the shipped personas
 * @param maxParallel           personas reviewing at the same time (1-16)
 * @param personaTimeoutSeconds time limit for one persona's model call, retry included
 * @param tokenBudget           upper bound on the estimated tokens of any one request to the model; larger
 *                              changes are split by file and summarised to fit
 */
public record ReviewConfig(String personasDir, Integer maxParallel, Integer personaTimeoutSeconds, Integer tokenBudget) {
    public ReviewConfig {
        personasDir = personasDir != null && !personasDir.isBlank() ? personasDir.strip() : "personas";
        maxParallel = maxParallel != null ? maxParallel : 4;
        personaTimeoutSeconds = personaTimeoutSeconds != null ? personaTimeoutSeconds : 120;
        tokenBudget = tokenBudget != null ? tokenBudget : 12000;
    }
}
