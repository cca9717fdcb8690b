package dev.czar.mcp;

import dev.czar.agent.Answerer;
import dev.czar.agent.Redactor;
import dev.czar.chat.Json;
import dev.czar.store.AuditLog;
import dev.czar.workers.McpTokens;
import dev.czar.workers.WorkerChannel;
import dev.czar.workers.WorkerException;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code czar mcp}: the MCP server (official Java SDK, stdio) a worker's agent calls, bound to one workstream by the
 * token in its environment. Five tools; every call is checked (token still current, inputs within
 * {@code mcp.max-input-chars}), redacted like chat messages, and recorded in the audit log with the worker as user.
 */
public final class CzarMcpServer {
    private static final Logger LOG = LoggerFactory.getLogger(CzarMcpServer.class);
    static final String AUDIT_CHANNEL = "mcp";

    private final McpTools tools;
    private final WorkerEvidence evidence;
    private final McpTokens tokens;
    private final String token;
    private final String self;
    private final AuditLog audit;
    private final int maxChars;
    private final Map<String, Function<McpArguments, Object>> actions = new java.util.LinkedHashMap<>();
    private final List<SyncToolSpecification> specs;

    /** @param answerer czar's read-only STATUS answers, serving {@code evidence(question)} */
    public CzarMcpServer(WorkerChannel channel, Answerer answerer, McpTokens tokens, String token, String self,
                         AuditLog audit, java.time.Duration askWait, int maxChars, java.time.Clock clock) {
        this.tools = new McpTools(channel, self, askWait);
        this.evidence = new WorkerEvidence(answerer, channel, self, clock);
        this.tokens = tokens;
        this.token = token;
        this.self = self;
        this.audit = audit;
        this.maxChars = maxChars;
        this.specs = specs();
    }

    /** A server for {@code self} over this app's state and evidence. */
    public static CzarMcpServer of(dev.czar.CzarApp app, McpTokens tokens, String token, String self, AuditLog audit,
                                   java.time.Clock clock) {
        return new CzarMcpServer(app.workers().channel(), WorkerEvidence.answerer(app, clock), tokens, token, self, audit,
                app.config().mcp().askWaitDuration(), app.config().mcp().maxInputChars(), clock);
    }

    /** Serves over {@code in}/{@code out} until the client closes {@code in}; the caller waits for that. */
    public McpSyncServer serve(InputStream in, OutputStream out, String version) {
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(Json.MAPPER);
        return McpServer.sync(new StdioServerTransportProvider(mapper, in, out))
                .serverInfo("czar", version)
                .jsonMapper(mapper)
                .instructions("czar supervises this worker (workstream " + self + "). Check fleet_status before"
                        + " you start, report_progress at checkpoints, ask_human for decisions, evidence to check what"
                        + " the gate reads (CI, conflicts, benchmarks), claim_done to run the Definition of Done gate on"
                        + " your committed branch before you finish.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specs)
                .build();
    }

    private List<SyncToolSpecification> specs() {
        return List.of(
                tool("fleet_status", "The other live workstreams czar supervises: name, one-line task, state, branch,"
                        + " files touched, and which look like the same work as yours. Call it before you start.",
                        Map.of(), List.of(), args -> tools.fleetStatus()),
                tool("report_progress", "Record a checkpoint of your work (shown to the humans in 'czar workers'"
                        + " and the dashboard).", Map.of(
                                "done", text("What you finished since the last checkpoint."),
                                "next", text("What you do next."),
                                "blocked_on", text("What blocks you, if anything.")), List.of("done", "next"),
                        args -> tools.reportProgress(args.text("done"), args.text("next"), args.optional("blocked_on"))),
                tool("ask_human", "Ask the humans supervising you a question (posted to the workstream's thread);"
                        + " returns their answer, or tells you to end your turn and wait for it.", Map.of(
                                "question", text("The question, self-contained."),
                                "options", Map.of("type", "array", "items", Map.of("type", "string"),
                                        "description", "Possible answers, if it is a choice.")), List.of("question"),
                        args -> tools.askHuman(args.text("question"), args.list("options"))),
                tool("claim_done", "Submit your committed branch to czar's Definition of Done gate now; returns the"
                        + " verdict with every item and its evidence. Fix FAIL items in this session and call it again.",
                        Map.of("summary", text("One line: what you did.")), List.of("summary"),
                        args -> tools.claimDone(args.text("summary"))),
                tool("evidence", "Ask what czar itself checks, read-only: CI checks of your branch, conflicts with main,"
                        + " benchmark comparisons, git facts (" + String.join("; ", WorkerEvidence.examples()) + ")."
                        + " \"my branch\" means yours. Answers cite their sources; it never runs a command.",
                        Map.of("question", text("One question about the evidence, in plain words.")), List.of("question"),
                        args -> evidence.answer(args.text("question"))));
    }

    private static Map<String, Object> text(String description) {
        return Map.of("type", "string", "description", description);
    }

    private SyncToolSpecification tool(String name, String description, Map<String, Object> properties,
                                       List<String> required, Function<McpArguments, Object> action) {
        actions.put(name, action);
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Map.of("type", "object", "properties", properties, "required", required,
                        "additionalProperties", false))
                .build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> call(name, request.arguments()))
                .build();
    }

    /** One tool call: refused, failed or answered; audited in every case. */
    CallToolResult call(String name, Map<String, Object> arguments) {
        String shown = "";
        try {
            McpArguments args = new McpArguments(arguments, maxChars);
            shown = args.audited();
            if (!tokens.workstreamOf(token).map(self::equals).orElse(false)) {
                throw new McpRefusal("this server's token is no longer current for " + self
                        + " (a newer attempt replaced it); end your turn");
            }
            Object result = find(name).apply(args);
            String json = Redactor.INSTANCE.redact(Json.write(result));
            audit.record(WorkerChannel.actor(self), AUDIT_CHANNEL, name, shown, "ok", abbreviate(json));
            return CallToolResult.builder().addTextContent(json).isError(false).build();
        } catch (McpRefusal | WorkerException e) {
            audit.record(WorkerChannel.actor(self), AUDIT_CHANNEL, name, shown, "refused", e.getMessage());
            return CallToolResult.builder().addTextContent("czar: " + e.getMessage()).isError(true).build();
        } catch (RuntimeException e) {
            LOG.warn("czar mcp tool {} of {} failed", name, self, e);
            audit.record(WorkerChannel.actor(self), AUDIT_CHANNEL, name, shown, "error", String.valueOf(e.getMessage()));
            return CallToolResult.builder().addTextContent("czar: internal error in " + name + ": " + e.getMessage())
                    .isError(true).build();
        }
    }

    private Function<McpArguments, Object> find(String name) {
        Function<McpArguments, Object> action = actions.get(name);
        if (action == null) {
            throw new McpRefusal("no tool named " + name);
        }
        return action;
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }
}
