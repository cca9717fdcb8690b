package dev.czar.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.czar.chat.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Anthropic Messages API on 127.0.0.1 for the real Claude Code CLI ({@code ANTHROPIC_BASE_URL}): {@code POST
 * /v1/messages} answered as server-sent events in the documented streaming format (message_start,
 * content_block_start/delta/stop with text_delta and input_json_delta, message_delta with stop_reason and usage,
 * message_stop), or as one JSON message when not streaming. The model's part is scripted by {@link Scenario},
 * picked by a marker in the task text ({@code scenario: honest}) and driven by what the conversation holds. Every
 * request is kept; unknown ones are answered 404 and listed in {@link #unknown()}.
 */
public final class AnthropicStandIn implements AutoCloseable {
    public static final String QUESTION = "I found a legacy table users_old. Should I drop the legacy table or keep it?";

    /** What the model does, by the marker {@code scenario: NAME} in the task. */
    public enum Scenario { HONEST, LIAR, ASKER, DENIED, FAILING, STUCK, MCP, MCP_ASKER, PR_FIX }

    /** One request as received. */
    public record Request(String method, String path, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                return JsonNodeFactory.instance.objectNode();
            }
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> unknown = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();

    private AnthropicStandIn(HttpServer server) {
        this.server = server;
    }

    public static AnthropicStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AnthropicStandIn standIn = new AnthropicStandIn(server);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "anthropic-stand-in");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Anthropic stand-in", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every Messages request (POST /v1/messages), oldest first. */
    public List<Request> messages() {
        return requests.stream().filter(r -> r.path().startsWith("/v1/messages") && !r.path().contains("count_tokens")).toList();
    }

    /** The Messages requests of one scenario. */
    public List<Request> messages(Scenario scenario) {
        return messages().stream().filter(r -> scenarioOf(r.body()) == scenario).toList();
    }

    public List<String> unknown() {
        return List.copyOf(unknown);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body);
            requests.add(request);
            if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/messages/count_tokens")) {
                json(exchange, 200, "{\"input_tokens\": 120}");
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/messages")) {
                answer(exchange, request.json());
            } else if (path.equals("/")) {
                json(exchange, 200, "{}");
            } else {
                unknown.add(request.method() + " " + request.path());
                json(exchange, 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"not in the stand-in\"}}");
            }
        }
    }

    private void answer(HttpExchange exchange, JsonNode request) throws IOException {
        Scenario scenario = scenarioOf(request.toString());
        if (scenario == Scenario.FAILING) {
            json(exchange, 500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}");
            return;
        }
        if (scenario == Scenario.STUCK && lastUserHasToolResult(request)) {
            try {
                closing.await(10, TimeUnit.MINUTES); // after its endless command, the model never answers either
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        List<ObjectNode> blocks = script(scenario, request);
        boolean toolUse = blocks.stream().anyMatch(b -> b.path("type").asText().equals("tool_use"));
        String stop = toolUse ? "tool_use" : "end_turn";
        String model = request.path("model").asText("claude-stand-in");
        if (request.path("stream").asBoolean()) {
            stream(exchange, blocks, stop, model);
        } else {
            ObjectNode message = message(model, stop);
            ArrayNode content = message.putArray("content");
            blocks.forEach(content::add);
            message.putObject("usage").put("input_tokens", 120).put("output_tokens", 30);
            json(exchange, 200, message.toString());
        }
    }

    /** The model's reply to this conversation. */
    private List<ObjectNode> script(Scenario scenario, JsonNode request) {
        boolean afterTool = lastUserHasToolResult(request);
        String conversation = request.path("messages").toString();
        return switch (scenario) {
            case HONEST -> afterTool ? List.of(text("Wrote login.txt with the fix and committed it.\n\nCZAR_DONE: login fixed"))
                    : List.of(bash("echo fixed > login.txt && git add login.txt && git commit -qm 'Fix the login'"));
            case LIAR -> List.of(text("Everything is fixed and tested.\n\nCZAR_DONE: login fixed"));
            case ASKER -> afterTool ? List.of(text("Kept the legacy table and committed the migration.\n\nCZAR_DONE: migration written"))
                    : conversation.contains("Should I drop the legacy table")
                    ? List.of(bash("echo 'keep users_old' > migration.sql && git add migration.sql && git commit -qm 'Keep the legacy table'"))
                    : List.of(text(QUESTION));
            case DENIED -> afterTool ? List.of(text("I could not download the schema: the download command needs approval."))
                    : List.of(bash("curl -s -o schema.sql http://127.0.0.1:9/schema.sql"));
            case STUCK -> List.of(bash("git -c alias.wait='!sleep 600' wait")); // a git command that never ends
            case MCP -> mcpScript(toolResults(request));
            case MCP_ASKER -> switch (toolResults(request)) {
                case 0 -> List.of(czarTool("ask_human", JsonNodeFactory.instance.objectNode().put("question", QUESTION)));
                case 1 -> List.of(bash("echo 'keep users_old' > migration.sql && git add migration.sql && git commit -qm 'Keep the legacy table'"));
                default -> List.of(text("Kept the legacy table as answered.\n\nCZAR_DONE: migration written"));
            };
            case PR_FIX -> prFixScript(afterTool, conversation.contains("your claim of done was refused"));
            default -> throw new IllegalStateException("no script for " + scenario);
        };
    }

    /**
     * issue 21, one session: look at the fleet, claim done before committing (refused), commit, report progress,
     * claim done again (passed), then end the turn.
     */
    private List<ObjectNode> mcpScript(int step) {
        return switch (step) {
            case 0 -> List.of(czarTool("fleet_status", JsonNodeFactory.instance.objectNode()));
            case 1 -> List.of(czarTool("claim_done", JsonNodeFactory.instance.objectNode().put("summary", "nothing yet")));
            case 2 -> List.of(bash("echo fixed > work.txt && git add work.txt && git commit -qm 'Fix the token refresh'"));
            case 3 -> List.of(czarTool("report_progress", JsonNodeFactory.instance.objectNode()
                    .put("done", "committed work.txt").put("next", "claim done again")));
            case 4 -> List.of(czarTool("claim_done", JsonNodeFactory.instance.objectNode().put("summary", "work committed")));
            default -> List.of(text("Checked the fleet, fixed the refused claim and passed the gate.\n\nCZAR_DONE: work committed"));
        };
    }

    /**
     * issue 19: add the login page and claim done; when czar sends back a failing check of the pull request (the
     * fix round resumes this session), make a wrong password answer 401, commit, and claim done again.
     */
    private List<ObjectNode> prFixScript(boolean afterTool, boolean refused) {
        if (!refused) {
            return afterTool ? List.of(text("Added login.html and committed it.\n\nCZAR_DONE: login page added"))
                    : List.of(bash("echo '<form action=/login method=post></form>' > login.html && git add login.html"
                    + " && git commit -qm 'Add the login page'"));
        }
        return afterTool ? List.of(text("LoginTest expected 401 for a wrong password; login.html now answers it.\n\n"
                + "CZAR_DONE: wrong password answered with 401"))
                : List.of(bash("echo '<!-- a wrong password answers 401 -->' >> login.html && git commit -qam"
                + " 'Answer 401 to a wrong password'"));
    }

    private ObjectNode czarTool(String tool, ObjectNode input) {
        ObjectNode block = obj("tool_use").put("id", "toolu_standin_" + ids.incrementAndGet()).put("name", "mcp__czar__" + tool);
        block.set("input", input);
        return block;
    }

    /** Every tool result's text in a conversation, oldest first (what the model was told its tools returned). */
    public static List<String> toolResultTexts(JsonNode request) {
        List<String> texts = new java.util.ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            for (JsonNode block : m.path("content")) {
                if (block.path("type").asText().equals("tool_result")) {
                    JsonNode content = block.path("content");
                    if (content.isTextual()) {
                        texts.add(content.asText());
                    } else {
                        StringBuilder text = new StringBuilder();
                        content.forEach(c -> text.append(c.path("text").asText()));
                        texts.add(text.toString());
                    }
                }
            }
        }
        return texts;
    }

    private static int toolResults(JsonNode request) {
        return toolResultTexts(request).size();
    }

    private void stream(HttpExchange exchange, List<ObjectNode> blocks, String stop, String model) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.getResponseHeaders().add("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode message = message(model, stop).putNull("stop_reason");
        message.putArray("content");
        message.putObject("usage").put("input_tokens", 120).put("output_tokens", 1);
        event(out, "message_start", obj("message_start").set("message", message));
        for (int i = 0; i < blocks.size(); i++) {
            ObjectNode block = blocks.get(i);
            boolean tool = block.path("type").asText().equals("tool_use");
            ObjectNode empty = block.deepCopy();
            if (tool) {
                empty.putObject("input");
            } else {
                empty.put("text", "");
            }
            event(out, "content_block_start", obj("content_block_start").put("index", i).set("content_block", empty));
            ObjectNode delta = tool ? obj("input_json_delta").put("partial_json", block.path("input").toString())
                    : obj("text_delta").put("text", block.path("text").asText());
            event(out, "content_block_delta", obj("content_block_delta").put("index", i).set("delta", delta));
            event(out, "content_block_stop", obj("content_block_stop").put("index", i));
        }
        ObjectNode end = obj("message_delta");
        end.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", 30);
        event(out, "message_delta", end);
        event(out, "message_stop", obj("message_stop"));
        out.close();
    }

    private ObjectNode message(String model, String stop) {
        return JsonNodeFactory.instance.objectNode().put("id", "msg_standin_" + ids.incrementAndGet()).put("type", "message")
                .put("role", "assistant").put("model", model).put("stop_reason", stop).putNull("stop_sequence");
    }

    private static void event(OutputStream out, String name, JsonNode data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode bash(String command) {
        ObjectNode block = obj("tool_use").put("id", "toolu_standin_" + ids.incrementAndGet()).put("name", "Bash");
        block.putObject("input").put("command", command).put("description", "Run " + command.split(" ")[0]);
        return block;
    }

    private static ObjectNode text(String text) {
        return obj("text").put("text", text);
    }

    private static ObjectNode obj(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static boolean lastUserHasToolResult(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (m.path("role").asText().equals("user")) {
                for (JsonNode block : m.path("content")) {
                    if (block.path("type").asText().equals("tool_result")) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    /** The scenario a conversation belongs to: the first {@code scenario: NAME} marker in it. */
    static Scenario scenarioOf(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("scenario: (\\w+)").matcher(body);
        return m.find() ? Scenario.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)) : Scenario.HONEST;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** For failure messages: what was asked of the stand-in. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        requests.forEach(r -> lines.add(r.method() + " " + r.path() + " " + r.body().length() + " bytes"));
        return lines;
    }
}
