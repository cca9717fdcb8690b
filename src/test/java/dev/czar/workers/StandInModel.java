package dev.czar.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.czar.agent.ChatModels;
import dev.czar.chat.Json;
import dev.czar.config.LlmConfig;
import dev.czar.testsupport.Fixtures;
import dev.langchain4j.model.chat.ChatModel;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible model stood in on loopback for the history evaluation's model path: it reads the prompt
 * czar sent and answers with one requirement, addressed, citing either the first added line it was shown
 * ({@link Kind#AGREEABLE}) or a file no change has ({@link Kind#HALLUCINATING}). Scripted per request, unlike
 * {@link dev.czar.testsupport.ModelStub}'s fixed replies, because every commit's prompt differs.
 */
final class StandInModel implements AutoCloseable {
    enum Kind { AGREEABLE, HALLUCINATING }

    private static final Pattern FIRST_LINE = Pattern.compile("### (\\S+) \\(\\+\\d+ -\\d+\\)\\n(\\d+): ");
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    private StandInModel(HttpServer server) {
        this.server = server;
    }

    static StandInModel start(Kind kind) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        StandInModel model = new StandInModel(server);
        server.createContext("/v1/chat/completions", exchange -> {
            model.calls.incrementAndGet();
            JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
            String prompt = request.get("messages").get(1).get("content").asText();
            Matcher m = FIRST_LINE.matcher(prompt);
            String citation = kind == Kind.HALLUCINATING || !m.find() ? "src/imaginary/Feature.java:12" : m.group(1) + ":" + m.group(2);
            String content = "{\"requirements\": [{\"text\": \"what the task asks\", \"addressed\": true, \"evidence\": [\""
                    + citation + "\"]}]}";
            byte[] body = Fixtures.read("openai/chat.completions.final.json", Map.of("content", content))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return model;
    }

    ChatModel chatModel() {
        return ChatModels.create(new LlmConfig("openai", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "stand-in", "sk-test-" + "0123456789abcdefghij"));
    }

    int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
