package dev.czar.review;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The OpenAI chat-completions API stood in by WireMock on loopback, answering each persona by what its system
 * prompt says (so parallel personas get their own replies in any order), and keeping every request received.
 */
final class PersonaModelStub implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";
    /** A phrase unique to each shipped persona's prompt. */
    static final Map<String, String> MARKER = Map.of(
            "security", "application security engineer",
            "ops", "on-call site reliability engineer",
            "legal-compliance", "legal and privacy teams",
            "product", "product manager who owns");

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    PersonaModelStub() {
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(100).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(ReviewHarness.fixture("openai/error.server.json"))));
    }

    /** Every request from {@code persona} gets {@code reply}. */
    PersonaModelStub answer(String persona, ResponseDefinitionBuilder reply) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1)
                .withRequestBody(containing(MARKER.get(persona))).willReturn(reply));
        return this;
    }

    /** Successive requests from {@code persona} get the replies in order; the last one repeats. */
    PersonaModelStub answerInTurn(String persona, ResponseDefinitionBuilder... replies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < replies.length; i++) {
            String next = i == replies.length - 1 ? state : persona + "-" + (i + 1);
            server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).inScenario(persona).whenScenarioStateIs(state)
                    .withRequestBody(containing(MARKER.get(persona))).willReturn(replies[i]).willSetStateTo(next));
            state = next;
        }
        return this;
    }

    /** A chat completion whose assistant content is the review fixture {@code review/model/<name>}. */
    static ResponseDefinitionBuilder review(String name) {
        String content = ReviewHarness.fixture("review/model/" + name);
        String body = ReviewHarness.fixture("openai/chat.completions.review.json")
                .replace("{{content}}", new String(JsonStringEncoder.getInstance().quoteAsString(content)));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(ReviewHarness.fixture("openai/error.server.json"));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    ChatModel model() {
        return OpenAiChatModel.builder().baseUrl(baseUrl()).apiKey("sk-test-not-a-key")
                .modelName("gpt-4o-mini").temperature(0.0).maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(urlPathEqualTo(PATH)));
    }

    List<LoggedRequest> requestsOf(String persona) {
        return requests().stream().filter(r -> r.getBodyAsString().contains(MARKER.get(persona))).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
