package dev.czar.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A language-model provider stood in by WireMock on loopback: scripted replies, served in order, one per
 * request, and every request it received kept for assertions on what czar sent to the model.
 */
public final class ModelStub implements AutoCloseable {
    public static final String OPENAI_PATH = "/v1/chat/completions";
    public static final String ANTHROPIC_PATH = "/v1/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final String path;

    private ModelStub(String path) {
        this.path = path;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public static ModelStub openAi() {
        return new ModelStub(OPENAI_PATH);
    }

    public static ModelStub anthropic() {
        return new ModelStub(ANTHROPIC_PATH);
    }

    /** The base URL to configure as {@code llm.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** Replies, in order, to successive requests; a request after the last reply gets HTTP 500. */
    public ModelStub replies(ResponseDefinitionBuilder... replies) {
        server.stubFor(any(urlPathEqualTo(path)).atPriority(10).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"message\":\"no more scripted replies\"}}")));
        String state = Scenario.STARTED;
        for (int i = 0; i < replies.length; i++) {
            String next = "reply-" + (i + 1);
            server.stubFor(post(urlPathEqualTo(path)).atPriority(1).inScenario("script").whenScenarioStateIs(state)
                    .willReturn(replies[i]).willSetStateTo(next));
            state = next;
        }
        return this;
    }

    /** The same reply to every request, however many come. */
    public ModelStub always(ResponseDefinitionBuilder reply) {
        server.stubFor(post(urlPathEqualTo(path)).atPriority(10).willReturn(reply));
        return this;
    }

    /**
     * From now on every request whose body contains {@code text} waits {@code millis} before its reply (a provider that
     * stopped answering those questions); other requests are answered as before.
     */
    public ModelStub stall(String text, ResponseDefinitionBuilder reply, int millis) {
        server.stubFor(post(urlPathEqualTo(path)).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(text))
                .willReturn(reply.withFixedDelay(millis)));
        return this;
    }

    public static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder status(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Requests received, in order. */
    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlPathEqualTo(path)));
    }

    /** Request {@code index} (0-based) parsed as JSON. */
    public JsonNode request(int index) {
        try {
            return JSON.readTree(requests().get(index).getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Request body size as the provider would bill it: compact JSON, not the client's pretty print. */
    public int compactBytes(int index) {
        try {
            return JSON.writeValueAsBytes(request(index)).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
