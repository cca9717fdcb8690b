package dev.czar.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Function;

/** Checks values that parse but make no sense, naming the key and the accepted values. */
final class ConfigValidator {
    private static final Set<String> PROVIDERS = Set.of("none", "openai", "anthropic", "ollama");
    private static final Set<String> ROLES = Set.of("admin", "operator", "viewer");

    private ConfigValidator() {
    }

    static void validate(CzarConfig config, Function<String, String> originOf) {
        if (!PROVIDERS.contains(config.llm().provider())) {
            fail(originOf, "llm.provider", "must be one of none, openai, anthropic, ollama; got '" + config.llm().provider() + "'");
        }
        checkLlm(originOf, config.llm());
        if (config.chat().maxMessageChars() < 100) {
            fail(originOf, "chat.max-message-chars", "must be at least 100; got " + config.chat().maxMessageChars());
        }
        if (config.git().recentCommits() < 1 || config.git().recentCommits() > 500) {
            fail(originOf, "git.recent-commits", "must be between 1 and 500; got " + config.git().recentCommits());
        }
        if (WorkersConfig.parseDuration(config.git().fetchInterval()) == null) {
            fail(originOf, "git.fetch-interval", "must be a duration such as 30s, 5m or 1h; got '" + config.git().fetchInterval() + "'");
        }
        if (!ROLES.contains(config.access().localRole())) {
            fail(originOf, "access.local-role", "must be admin, operator or viewer; got '" + config.access().localRole() + "'");
        }
        if (!"system".equals(config.chat().timeZone())) {
            try {
                ZoneId.of(config.chat().timeZone());
            } catch (DateTimeException e) {
                fail(originOf, "chat.time-zone", "must be 'system' or an IANA zone such as Europe/Berlin; got '" + config.chat().timeZone() + "'");
            }
        }
        checkUrl(originOf, "slack.api-url", config.slack().apiUrl());
        checkSlack(config.slack(), originOf);
        checkUrl(originOf, "ci.github.api-url", config.ci().github().apiUrl());
        if (!config.llm().baseUrl().isEmpty()) {
            checkUrl(originOf, "llm.base-url", config.llm().baseUrl());
        }
        validateReview(config.review(), originOf);
        checkWorkers(originOf, config.workers());
        checkUnderstanding(originOf, config.understanding());
        var github = config.ci().github();
        if (github.timeoutSeconds() < 1 || github.timeoutSeconds() > 120) {
            fail(originOf, "ci.github.timeout-seconds", "must be between 1 and 120; got " + github.timeoutSeconds());
        }
        if (github.maxAttempts() < 1 || github.maxAttempts() > 10) {
            fail(originOf, "ci.github.max-attempts", "must be between 1 and 10; got " + github.maxAttempts());
        }
        if (config.ci().maxReportBytes() < 1) {
            fail(originOf, "ci.max-report-bytes", "must be at least 1; got " + config.ci().maxReportBytes());
        }
        if (config.bench().maxImportBytes() < 1) {
            fail(originOf, "bench.max-import-bytes", "must be at least 1; got " + config.bench().maxImportBytes());
        }
        if (config.bench().maxLineChars() < 80) {
            fail(originOf, "bench.max-line-chars", "must be at least 80; got " + config.bench().maxLineChars());
        }
        if (config.bench().baselineRuns() < 1 || config.bench().baselineRuns() > 100) {
            fail(originOf, "bench.baseline-runs", "must be between 1 and 100; got " + config.bench().baselineRuns());
        }
        if (config.bench().minNoisePercent() < 0 || config.bench().minNoisePercent() > 100) {
            fail(originOf, "bench.min-noise-percent", "must be between 0 and 100; got " + config.bench().minNoisePercent());
        }
        for (String host : config.dashboard().allowedHosts()) { // issue 18: Host headers the dashboard answers to
            if (host == null || !host.strip().matches("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+)(:\\d{1,5})?")) {
                fail(originOf, "dashboard.allowed-hosts", "entries must be host or host:port (e.g. czar.example.com or"
                        + " 10.0.0.5:8077); got '" + host + "'");
            }
        }
        String repo = config.ci().github().repo();
        if (!repo.isEmpty() && !repo.matches("[\\w.-]+/[\\w.-]+")) {
            fail(originOf, "ci.github.repo", "must look like owner/name; got '" + repo + "'");
        }
    }

    /** issue 23: {@code workers.backend} and, for {@code kubernetes}, what a Job cannot do without. */
    private static void checkKubernetes(Function<String, String> origin, WorkersConfig w) {
        if (!Set.of("local", "kubernetes").contains(w.backend())) {
            fail(origin, "workers.backend", "must be local or kubernetes; got '" + w.backend() + "'");
        }
        if (!w.backend().equals("kubernetes")) {
            return;
        }
        KubernetesConfig k = w.kubernetes();
        if (k.image().isEmpty()) {
            fail(origin, "workers.kubernetes.image", "must name the agent image when workers.backend is kubernetes");
        }
        if (!k.namespace().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            fail(origin, "workers.kubernetes.namespace", "must be a Kubernetes namespace name (lower case, digits, '-'); got '"
                    + k.namespace() + "'");
        }
        if (k.ttlSecondsAfterFinished() < 0 || k.activeDeadlineSeconds() < 0) {
            fail(origin, k.ttlSecondsAfterFinished() < 0 ? "workers.kubernetes.ttl-seconds-after-finished"
                    : "workers.kubernetes.active-deadline-seconds", "must not be negative");
        }
        if (k.pushIntervalSeconds() < 0) {
            fail(origin, "workers.kubernetes.push-interval-seconds", "must not be negative (0: push only after the agent)");
        }
    }

    private static void checkWorkers(Function<String, String> origin, WorkersConfig w) {
        java.util.Map<String, String> durations = new java.util.LinkedHashMap<>();
        durations.put("workers.poll-interval", w.pollInterval());
        durations.put("workers.stuck-after", w.stuckAfter());
        durations.put("workers.retry-backoff", w.retryBackoff());
        durations.put("workers.verify-timeout", w.verifyTimeout());
        durations.put("workers.input-after", w.inputAfter());
        durations.put("workers.retention", w.retention());
        durations.forEach((key, value) -> {
            if (WorkersConfig.parseDuration(value) == null) {
                fail(origin, key, "must be a duration such as 500ms, 90s, 10m, 2h or 7d; got '" + value + "'");
            }
        });
        if (w.maxParallel() < 1 || w.maxParallel() > 64) {
            fail(origin, "workers.max-parallel", "must be between 1 and 64; got " + w.maxParallel());
        }
        if (w.maxRetries() < 0 || w.maxFixRounds() < 0) {
            fail(origin, w.maxRetries() < 0 ? "workers.max-retries" : "workers.max-fix-rounds", "must not be negative");
        }
        if (!Set.of("auto", "on", "off").contains(w.pullRequests())) {
            fail(origin, "workers.pull-requests", "must be auto, on or off; got '" + w.pullRequests() + "'");
        }
        if (!Set.of("squash", "merge", "rebase").contains(w.mergeMethod())) {
            fail(origin, "workers.merge-method", "must be squash, merge or rebase; got '" + w.mergeMethod() + "'");
        }
        if (!Set.of("auto", "git-worktree", "jgit-clone").contains(w.workingCopies())) {
            fail(origin, "workers.working-copies", "must be auto, git-worktree or jgit-clone; got '" + w.workingCopies() + "'");
        }
        checkKubernetes(origin, w);
        Set<String> agents = dev.czar.workers.agents.AgentAdapters.names();
        if (!agents.contains(w.agent())) {
            fail(origin, "workers.agent", "must be one of " + String.join(", ", agents) + "; got '" + w.agent() + "'");
        }
        for (String name : w.agents().keySet()) {
            if (!agents.contains(name)) {
                fail(origin, "workers.agents." + name, "is not an agent preset; presets: " + String.join(", ", agents));
            }
        }
        try {
            java.util.regex.Pattern.compile(w.promptPattern());
        } catch (java.util.regex.PatternSyntaxException e) {
            fail(origin, "workers.prompt-pattern", "is not a valid regular expression: " + e.getDescription());
        }
        try {
            if (w.doneClaims()) {
                java.util.regex.Pattern.compile(w.donePattern());
            }
        } catch (java.util.regex.PatternSyntaxException e) {
            fail(origin, "workers.done-pattern", "is not a valid regular expression: " + e.getDescription());
        }
    }

    private static void checkSlack(SlackConfig slack, Function<String, String> originOf) {
        atLeast(originOf, "slack.workers", slack.workers(), 0);
        atLeast(originOf, "slack.queue-capacity", slack.queueCapacity(), 1);
        atLeast(originOf, "slack.working-after-ms", slack.workingAfterMs(), 0);
        atLeast(originOf, "slack.confirm-ttl-seconds", slack.confirmTtlSeconds(), 10);
        atLeast(originOf, "slack.post-attempts", slack.postAttempts(), 1);
        atLeast(originOf, "slack.retry-backoff-ms", slack.retryBackoffMs(), 0);
        atLeast(originOf, "slack.reclaim-after-seconds", slack.reclaimAfterSeconds(), 3);
    }

    private static void atLeast(Function<String, String> originOf, String key, int value, int min) {
        if (value < min) {
            fail(originOf, key, "must be at least " + min + "; got " + value);
        }
    }

    private static void checkLlm(Function<String, String> originOf, LlmConfig llm) {
        range(originOf, "llm.timeout-seconds", llm.timeoutSeconds(), 1, 600);
        range(originOf, "llm.max-retries", llm.maxRetries(), 0, 10);
        range(originOf, "llm.retry-backoff-millis", llm.retryBackoffMillis(), 1, 60_000);
        range(originOf, "llm.breaker-failure-threshold", llm.breakerFailureThreshold(), 1, 100);
        range(originOf, "llm.breaker-open-seconds", llm.breakerOpenSeconds(), 1, 3600);
        range(originOf, "llm.max-tool-rounds", llm.maxToolRounds(), 0, 20);
        range(originOf, "llm.max-tool-result-chars", llm.maxToolResultChars(), 200, 100_000);
        range(originOf, "llm.memory-tokens", llm.memoryTokens(), 0, 100_000);
        range(originOf, "llm.max-output-tokens", llm.maxOutputTokens(), 16, 100_000);
        if (llm.enabled() && llm.model().isEmpty()) {
            fail(originOf, "llm.model", "must name a model when llm.provider is " + llm.provider() + " (e.g. gpt-4o-mini, claude-3-5-haiku-latest, llama3.1)");
        }
    }

    private static void range(Function<String, String> originOf, String key, int value, int min, int max) {
        if (value < min || value > max) {
            fail(originOf, key, "must be between " + min + " and " + max + "; got " + value);
        }
    }

    private static void validateReview(ReviewConfig review, Function<String, String> originOf) {
        if (review.maxParallel() < 1 || review.maxParallel() > 16) {
            fail(originOf, "review.max-parallel", "must be between 1 and 16; got " + review.maxParallel());
        }
        if (review.personaTimeoutSeconds() < 1) {
            fail(originOf, "review.persona-timeout-seconds", "must be at least 1; got " + review.personaTimeoutSeconds());
        }
        if (review.tokenBudget() < 1000) {
            fail(originOf, "review.token-budget", "must be at least 1000; got " + review.tokenBudget());
        }
    }

    private static void checkUrl(Function<String, String> originOf, String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                fail(originOf, key, "must be an http(s) URL; got '" + value + "'");
            }
        } catch (IllegalArgumentException e) {
            fail(originOf, key, "must be an http(s) URL; got '" + value + "'");
        }
    }

    private static void fail(Function<String, String> originOf, String key, String problem) {
        throw new ConfigException(originOf.apply(key) + ": '" + key + "' " + problem);
    }

    /** Issue 24: embeddings on/off and the two thresholds. */
    private static void checkUnderstanding(Function<String, String> originOf, UnderstandingConfig u) {
        if (!u.embeddings().equals("on") && !u.embeddings().equals("off")) {
            fail(originOf, "understanding.embeddings", "must be on or off; got '" + u.embeddings() + "'");
        }
        if (u.duplicateSimilarity() <= 0 || u.duplicateSimilarity() > 1) {
            fail(originOf, "understanding.duplicate-similarity", "must be above 0 and at most 1; got " + u.duplicateSimilarity());
        }
        if (u.overlapSimilarity() <= 0 || u.overlapSimilarity() > u.duplicateSimilarity()) {
            fail(originOf, "understanding.overlap-similarity", "must be above 0 and at most understanding.duplicate-similarity; got " + u.overlapSimilarity());
        }
        if (u.fitMargin() < 0 || u.fitMargin() > 1) {
            fail(originOf, "understanding.fit-margin", "must be between 0 and 1; got " + u.fitMargin());
        }
    }
}
