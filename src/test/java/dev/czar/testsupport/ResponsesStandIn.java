package dev.czar.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.czar.chat.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI Responses API on loopback, as Codex uses it: {@code POST {base}/responses} with {@code stream: true},
 * answered with server-sent events in the documented format ({@code response.created},
 * {@code response.output_item.added}, {@code response.output_text.delta} / {@code
 * response.function_call_arguments.delta}, {@code response.output_item.done}, {@code response.completed} with
 * usage). What the model "says" comes from a {@link ResponsesScenario}; every request body is kept for assertions
 * on what the agent sent (e.g. that a resumed conversation carries the earlier question).
 */
public final class ResponsesStandIn implements AutoCloseable {
    /** Usage reported per response: Codex sums it over the requests of a turn. */
    public static final int INPUT_TOKENS = 100;
    public static final int CACHED_TOKENS = 20;
    public static final int OUTPUT_TOKENS = 7;

    private final HttpServer server;
    private final ResponsesScenario scenario;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public ResponsesStandIn(ResponsesScenario scenario) throws IOException {
        this.scenario = scenario;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    /** What to configure as the provider's {@code base_url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Bodies of the {@code /responses} requests received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Any other request ("METHOD path"): Codex should send none. */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/responses")) {
                unexpected.add(exchange.getRequestMethod() + " " + path);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
            requests.add(request);
            ResponsesScenario.Reply reply = scenario.reply(new ResponsesConversation(request));
            if (reply instanceof ResponsesScenario.Failure failure) {
                byte[] body = ("{\"error\":{\"message\":\"" + failure.message() + "\",\"type\":\"server_error\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(failure.status(), body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            stream(exchange.getResponseBody(), reply);
        }
    }

    private void stream(OutputStream out, ResponsesScenario.Reply reply) throws IOException {
        int n = ids.incrementAndGet();
        String responseId = "resp_" + n;
        Sse sse = new Sse(out);
        sse.send("response.created", o -> o.set("response", response(responseId, "in_progress")));
        ObjectNode item = Json.MAPPER.createObjectNode();
        if (reply instanceof ResponsesScenario.Text text) {
            item.put("type", "message").put("id", "msg_" + n).put("role", "assistant").put("status", "completed");
            sse.send("response.output_item.added", o -> o.put("output_index", 0).set("item", inProgress(item)));
            sse.send("response.output_text.delta", o -> o.put("item_id", "msg_" + n).put("output_index", 0)
                    .put("content_index", 0).put("delta", text.text()));
            ArrayNode content = item.putArray("content");
            content.addObject().put("type", "output_text").put("text", text.text()).putArray("annotations");
        } else if (reply instanceof ResponsesScenario.Shell || reply instanceof ResponsesScenario.Call) {
            ResponsesScenario.Call call = reply instanceof ResponsesScenario.Shell shell
                    ? new ResponsesScenario.Call("exec_command", Json.MAPPER.createObjectNode().put("cmd", shell.command()).toString())
                    : (ResponsesScenario.Call) reply;
            String arguments = call.arguments();
            item.put("type", "function_call").put("id", "fc_" + n).put("call_id", "call_" + n)
                    .put("name", call.name()).put("status", "completed");
            if (call.namespace() != null) {
                item.put("namespace", call.namespace());
            }
            sse.send("response.output_item.added", o -> o.put("output_index", 0)
                    .set("item", inProgress(item.deepCopy().put("arguments", ""))));
            sse.send("response.function_call_arguments.delta", o -> o.put("item_id", "fc_" + n)
                    .put("output_index", 0).put("delta", arguments));
            item.put("arguments", arguments);
        }
        sse.send("response.output_item.done", o -> o.put("output_index", 0).set("item", item));
        sse.send("response.completed", o -> {
            ObjectNode response = response(responseId, "completed");
            response.putArray("output").add(item);
            ObjectNode usage = response.putObject("usage");
            usage.put("input_tokens", INPUT_TOKENS).putObject("input_tokens_details").put("cached_tokens", CACHED_TOKENS);
            usage.put("output_tokens", OUTPUT_TOKENS).putObject("output_tokens_details").put("reasoning_tokens", 0);
            usage.put("total_tokens", INPUT_TOKENS + OUTPUT_TOKENS);
            o.set("response", response);
        });
    }

    private static ObjectNode inProgress(ObjectNode item) {
        return item.deepCopy().put("status", "in_progress");
    }

    private static ObjectNode response(String id, String status) {
        return Json.MAPPER.createObjectNode().put("id", id).put("object", "response").put("status", status)
                .put("model", "stand-in");
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** One server-sent event per call: {@code event: <type>} and a {@code data:} line carrying the same type. */
    private static final class Sse {
        private final OutputStream out;
        private int sequence;

        Sse(OutputStream out) {
            this.out = out;
        }

        void send(String type, java.util.function.Consumer<ObjectNode> fields) throws IOException {
            ObjectNode data = Json.MAPPER.createObjectNode().put("type", type).put("sequence_number", sequence++);
            fields.accept(data);
            out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
