package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.config.CiConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * czar's one client for GitHub's REST API (public GitHub or an Enterprise base URL, {@code ci.github.api-url}).
 *
 * <p>Every GET is conditional: the ETag of the last 200 is sent as {@code If-None-Match} and a 304 answers from
 * the cached body (304s do not count against the rate limit). Pages are followed through {@code Link: rel="next"}.
 * Network errors and 5xx are retried for idempotent methods (never for POST); repeated failures open a circuit
 * breaker so a down GitHub is not hammered. A primary or secondary rate limit stops every call until the time
 * GitHub named. The token goes in the {@code Authorization} header only: never in a URL, a log line or a message.
 */
public final class GithubClient {
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final Set<String> IDEMPOTENT = Set.of("GET", "PUT", "PATCH", "DELETE");
    public static final String JSON_MEDIA = "application/vnd.github+json";
    public static final int PER_PAGE = 100;

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

    /** @param token GitHub token or GitHub App installation token; {@code null}/empty for anonymous calls */
    public GithubClient(CiConfig.GithubConfig config, String token, Clock clock, Resilience resilience) {
        this.repo = config.repo();
        this.apiUrl = config.apiUrl().replaceAll("/+$", "");
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = Duration.ofSeconds(config.timeoutSeconds());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.retry = Retry.of("github", RetryConfig.custom().maxAttempts(resilience.maxAttempts())
                .waitDuration(resilience.retryWait())
                .retryOnException(e -> e instanceof GithubFailure f && f.transientFailure()).build());
        this.breaker = CircuitBreaker.of("github", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(resilience.breakerWindow())
                .minimumNumberOfCalls(Math.max(1, resilience.breakerWindow() / 2))
                .failureRateThreshold(50)
                .waitDurationInOpenState(resilience.breakerOpenFor())
                .recordException(e -> e instanceof GithubFailure f && f.transientFailure()).build());
    }

    public static GithubClient fromConfig(CiConfig.GithubConfig config, String token, Clock clock) {
        return new GithubClient(config, token, clock, Resilience.defaults(config.maxAttempts()));
    }

    /** {@code owner/name} of the configured repository. */
    public String repo() {
        return repo;
    }

    public String apiUrl() {
        return apiUrl;
    }

    public boolean authenticated() {
        return token != null;
    }

    /** Current breaker state, for health output: CLOSED, OPEN, HALF_OPEN. */
    public String breakerState() {
        return breaker.getState().name();
    }

    /**
     * GET a JSON resource under the repository ({@code path} starts after {@code /repos/owner/name}).
     *
     * @throws GithubFailure for any answer but 2xx/304, naming the settings to check on a 4xx
     */
    public JsonNode getJson(String path) {
        return orRefuse(call("GET", repoUrl(path), null, JSON_MEDIA)).json();
    }

    /**
     * All items of a paged list, following {@code Link} headers up to {@code max} items.
     *
     * @param field the array field holding the items ({@code "workflow_runs"}), or {@code null} for a top-level array
     */
    public List<JsonNode> getPages(String path, String field, int max) {
        List<JsonNode> items = new ArrayList<>();
        String next = repoUrl(path);
        while (next != null && items.size() < max) {
            GithubResponse page = orRefuse(call("GET", next, null, JSON_MEDIA));
            JsonNode array = field == null ? page.json() : page.json().path(field);
            for (JsonNode item : array) {
                if (items.size() < max) {
                    items.add(item);
                }
            }
            next = page.next();
        }
        return items;
    }

    /**
     * Any method on a path under the repository; the caller reads 4xx answers itself (404, 405, 409, 422).
     *
     * @param body  serialised with the one JSON mapper, or {@code null}
     * @param accept media type, e.g. {@code application/vnd.github.diff}
     * @throws GithubFailure when GitHub is unreachable, answers 5xx, rate-limits, or the breaker is open
     */
    public GithubResponse send(String method, String path, Object body, String accept) {
        return call(method, repoUrl(path), body, accept);
    }

    private String repoUrl(String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? path : apiUrl + "/repos/" + repo + path;
    }

    private GithubResponse orRefuse(GithubResponse response) {
        if (response.ok() || response.status() == 304) {
            return response;
        }
        String message = response.message();
        throw new GithubFailure(GithubFailure.Kind.REFUSED, "GitHub refused the request for " + repo + ": HTTP "
                + response.status() + (message.isEmpty() ? "" : " \"" + message + "\"")
                + " (check ci.github.repo and GITHUB_TOKEN)", null, null);
    }

    private GithubResponse call(String method, String url, Object body, String accept) {
        Supplier<GithubResponse> once = () -> exchange(method, url, body, accept);
        Supplier<GithubResponse> attempts = IDEMPOTENT.contains(method) ? Retry.decorateSupplier(retry, once) : once;
        try {
            return CircuitBreaker.decorateSupplier(breaker, attempts).get();
        } catch (CallNotPermittedException e) {
            throw new GithubFailure(GithubFailure.Kind.BREAKER_OPEN,
                    "GitHub failed repeatedly, so czar stopped calling it for a while (circuit breaker open)", null, e);
        }
    }

    private GithubResponse exchange(String method, String url, Object body, String accept) {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            throw rateLimited(blockedUntil);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(method, publisher)
                .header("Accept", accept).header("X-GitHub-Api-Version", "2022-11-28").header("User-Agent", "czar");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String cacheKey = accept + " " + url;
        Cached cached = method.equals("GET") ? cache.get(cacheKey) : null;
        if (cached != null) {
            request.header("If-None-Match", cached.etag());
        }
        HttpResponse<String> response = send(request.build());
        int status = response.statusCode();
        String next = response.headers().firstValue("Link").map(GithubClient::nextLink).orElse(null);
        if (status == 304 && cached != null) {
            return new GithubResponse(200, cached.body(), next);
        }
        if (status >= 200 && status < 300 && method.equals("GET")) {
            response.headers().firstValue("ETag").ifPresent(etag -> cache.put(cacheKey, new Cached(etag, response.body())));
        }
        GithubResponse answer = new GithubResponse(status, response.body(), next);
        var limitedUntil = RateLimits.resumeAt(status, response.headers(), answer.message(), now);
        if (limitedUntil.isPresent()) {
            blockedUntil = limitedUntil.get();
            throw rateLimited(blockedUntil);
        }
        if (status >= 500) {
            throw new GithubFailure(GithubFailure.Kind.SERVER_ERROR, "GitHub answered HTTP " + status, null, null);
        }
        return answer;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GithubFailure(GithubFailure.Kind.UNREACHABLE, "GitHub is unreachable at " + apiUrl + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GithubFailure(GithubFailure.Kind.UNREACHABLE, "interrupted while calling GitHub", null, e);
        }
    }

    private static GithubFailure rateLimited(Instant until) {
        return new GithubFailure(GithubFailure.Kind.RATE_LIMITED, "GitHub rate limit reached; calls resume at " + until, until, null);
    }

    private static String nextLink(String header) {
        Matcher m = NEXT_LINK.matcher(header);
        return m.find() ? m.group(1) : null;
    }
}
