package dev.czar.evidence.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.czar.config.CiConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GitHub Actions workflow runs and jobs over the REST API.
 *
 * <p>Every GET is conditional: the ETag of the last 200 is sent as {@code If-None-Match}, and a 304 answers from
 * the cached body (304s do not count against GitHub's rate limit). Network errors and 5xx are retried
 * (Resilience4j {@link Retry}); repeated failures open a {@link CircuitBreaker} so a down GitHub is not hammered.
 * An exhausted rate limit ({@code X-RateLimit-Remaining: 0} with {@code X-RateLimit-Reset}, or
 * {@code Retry-After}) stops all calls until the time GitHub named. The token is sent, never logged.
 */
public final class GithubActionsClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    static final int PER_PAGE = 100;

    private final String repo;
    private final String apiUrl;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile Instant blockedUntil = Instant.MIN;

    private record Cached(String etag, String body) {
    }

    /** Resilience settings; tests shorten the waits. */
    public record Resilience(int maxAttempts, Duration retryWait, int breakerWindow, Duration breakerOpenFor) {
        public static Resilience defaults(int maxAttempts) {
            return new Resilience(maxAttempts, Duration.ofMillis(500), 6, Duration.ofSeconds(60));
        }
    }

    /**
     * @param token GitHub token, or {@code null}/empty for anonymous calls (60 requests per hour)
     */
    public GithubActionsClient(CiConfig.GithubConfig config, String token, Clock clock, Resilience resilience) {
        this.repo = config.repo();
        this.apiUrl = config.apiUrl().replaceAll("/+$", "");
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = Duration.ofSeconds(config.timeoutSeconds());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.retry = Retry.of("github", RetryConfig.custom()
                .maxAttempts(resilience.maxAttempts())
                .waitDuration(resilience.retryWait())
                .retryOnException(e -> e instanceof GithubFailure f && f.transientFailure())
                .build());
        this.breaker = CircuitBreaker.of("github", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(resilience.breakerWindow())
                .minimumNumberOfCalls(Math.max(1, resilience.breakerWindow() / 2))
                .failureRateThreshold(50)
                .waitDurationInOpenState(resilience.breakerOpenFor())
                .recordException(e -> e instanceof GithubFailure f && f.transientFailure())
                .build());
    }

    public String repo() {
        return repo;
    }

    /** Current breaker state, for health output: CLOSED, OPEN, HALF_OPEN. */
    public String breakerState() {
        return breaker.getState().name();
    }

    /**
     * Workflow runs, newest first, filtered by branch and/or head commit, following pagination up to {@code max}.
     *
     * @throws GithubFailure when GitHub cannot answer
     */
    public List<WorkflowRun> runs(String branch, String headSha, int max) {
        StringBuilder url = new StringBuilder(apiUrl + "/repos/" + repo + "/actions/runs?per_page=" + Math.min(max, PER_PAGE));
        if (branch != null) {
            url.append("&branch=").append(URLEncoder.encode(branch, StandardCharsets.UTF_8));
        }
        if (headSha != null) {
            url.append("&head_sha=").append(URLEncoder.encode(headSha, StandardCharsets.UTF_8));
        }
        List<WorkflowRun> runs = new ArrayList<>();
        String next = url.toString();
        while (next != null && runs.size() < max) {
            Page page = get(next);
            for (JsonNode run : page.body().path("workflow_runs")) {
                if (runs.size() < max) {
                    runs.add(GithubJson.run(run));
                }
            }
            next = page.next();
        }
        return runs;
    }

    /** Jobs of one run, with their steps, following pagination. */
    public List<JsonNode> jobs(long runId) {
        List<JsonNode> jobs = new ArrayList<>();
        String next = apiUrl + "/repos/" + repo + "/actions/runs/" + runId + "/jobs?per_page=" + PER_PAGE;
        while (next != null) {
            Page page = get(next);
            page.body().path("jobs").forEach(jobs::add);
            next = page.next();
        }
        return jobs;
    }

    private record Page(JsonNode body, String next) {
    }

    private Page get(String url) {
        Supplier<Page> call = () -> fetch(url);
        Supplier<Page> guarded = CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, call));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new GithubFailure(GithubFailure.Kind.BREAKER_OPEN,
                    "GitHub failed repeatedly, so czar stopped calling it for a while (circuit breaker open)", null, e);
        }
    }

    private Page fetch(String url) {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            throw rateLimited(blockedUntil);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "czar");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Cached cached = cache.get(url);
        if (cached != null) {
            request.header("If-None-Match", cached.etag());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GithubFailure(GithubFailure.Kind.UNREACHABLE, "GitHub is unreachable at " + apiUrl + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GithubFailure(GithubFailure.Kind.UNREACHABLE, "interrupted while calling GitHub", null, e);
        }
        int status = response.statusCode();
        String next = response.headers().firstValue("Link").map(GithubActionsClient::nextLink).orElse(null);
        if (status == 304 && cached != null) {
            return new Page(parse(cached.body()), next);
        }
        if (status >= 200 && status < 300) {
            response.headers().firstValue("ETag").ifPresent(etag -> cache.put(url, new Cached(etag, response.body())));
            return new Page(parse(response.body()), next);
        }
        Optional<Instant> limitedUntil = rateLimit(response, now);
        if ((status == 403 || status == 429) && limitedUntil.isPresent()) {
            blockedUntil = limitedUntil.get();
            throw rateLimited(blockedUntil);
        }
        if (status >= 500) {
            throw new GithubFailure(GithubFailure.Kind.SERVER_ERROR, "GitHub answered HTTP " + status, null, null);
        }
        throw new GithubFailure(GithubFailure.Kind.REFUSED, "GitHub refused the request for " + repo + ": HTTP " + status
                + message(response.body()) + " (check ci.github.repo and GITHUB_TOKEN)", null, null);
    }

    private static Optional<Instant> rateLimit(HttpResponse<String> response, Instant now) {
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        if (retryAfter.isPresent() && retryAfter.get().strip().matches("\\d{1,6}")) {
            return Optional.of(now.plusSeconds(Long.parseLong(retryAfter.get().strip())));
        }
        boolean exhausted = response.headers().firstValue("X-RateLimit-Remaining").map(v -> v.strip().equals("0")).orElse(false);
        if (exhausted) {
            return Optional.of(response.headers().firstValue("X-RateLimit-Reset")
                    .filter(v -> v.strip().matches("\\d{1,12}"))
                    .map(v -> Instant.ofEpochSecond(Long.parseLong(v.strip())))
                    .orElse(now.plusSeconds(60)));
        }
        return Optional.empty();
    }

    private static GithubFailure rateLimited(Instant until) {
        return new GithubFailure(GithubFailure.Kind.RATE_LIMITED, "GitHub rate limit reached; calls resume at " + until, until, null);
    }

    private static String nextLink(String header) {
        Matcher m = NEXT_LINK.matcher(header);
        return m.find() ? m.group(1) : null;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GithubFailure(GithubFailure.Kind.SERVER_ERROR, "GitHub sent a body that is not JSON", null, e);
        }
    }

    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String message = node == null ? "" : node.path("message").asText("");
            return message.isEmpty() ? "" : " \"" + message.lines().findFirst().orElse("") + "\"";
        } catch (IOException e) {
            return "";
        }
    }
}
