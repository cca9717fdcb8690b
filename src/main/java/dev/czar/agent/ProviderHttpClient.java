package dev.czar.agent;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP door to language-model providers. It exists for two reasons the stock client does not cover:
 * every request body passes the {@link Redactor} on its way out (the last line of defence for secrets), and a
 * failed response keeps its {@code Retry-After} header so that the retry policy can honour it.
 */
final class ProviderHttpClient implements HttpClient {
    private final java.net.http.HttpClient http;
    private final Duration readTimeout;

    private ProviderHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.readTimeout = readTimeout;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder out = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout);
        String body = request.body() == null ? null : Redactor.INSTANCE.redact(request.body());
        out.method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (!isRestricted(header.getKey())) {
                header.getValue().forEach(v -> out.header(header.getKey(), v));
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(out.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new dev.langchain4j.exception.TimeoutException("no answer from " + host(request) + " within " + readTimeout.toSeconds() + "s");
        } catch (IOException e) {
            throw new ProviderUnreachableException("cannot reach " + host(request) + " (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnreachableException("interrupted while waiting for " + host(request), e);
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new ProviderHttpException(response.statusCode(), response.body(),
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null)));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        // czar never streams: answers are checked as a whole before anyone sees them
        throw new UnsupportedOperationException("streaming is not used by czar");
    }

    private static boolean isRestricted(String header) {
        String h = header.toLowerCase(java.util.Locale.ROOT);
        return h.equals("content-length") || h.equals("host") || h.equals("connection") || h.equals("expect") || h.equals("upgrade");
    }

    private static String reason(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String host(HttpRequest request) {
        URI uri = URI.create(request.url());
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(connectTimeout, readTimeout);
        }
    }
}
