package dev.czar.testsupport;

/**
 * A scripted model behind {@link ResponsesStandIn}: given the conversation so far, what it answers next. The
 * scenarios the agent tests share are constants here.
 */
@FunctionalInterface
public interface ResponsesScenario {
    String QUESTION = "Should I drop the legacy table or keep it?";
    String HONEST_CLAIM = "CZAR_DONE: wrote hello.txt and committed it";
    String LIAR_CLAIM = "CZAR_DONE: the task is complete";
    String ASKER_CLAIM = "CZAR_DONE: kept the legacy table and committed the note";
    String HONEST_COMMAND = "printf 'hello\\n' > hello.txt && git add hello.txt && git commit -q -m 'Add hello.txt'";
    String ASKER_COMMAND = "printf 'legacy table kept\\n' > NOTES.md && git add NOTES.md"
            + " && git commit -q -m 'Keep the legacy table'";

    String STUCK_COMMAND = "sleep 300";

    Reply reply(ResponsesConversation conversation);

    /** Runs a command that never ends in time (a worker czar will find STUCK and kill). */
    ResponsesScenario STUCK = c -> "function_call_output".equals(c.lastItemType())
            ? new Text("still waiting for the command") : new Shell(STUCK_COMMAND);

    /** Writes a file and commits it through the shell tool, then claims done. */
    ResponsesScenario HONEST = c -> "function_call_output".equals(c.lastItemType())
            ? new Text(HONEST_CLAIM) : new Shell(HONEST_COMMAND);

    /** Claims done and changes nothing. */
    ResponsesScenario LIAR = c -> new Text(LIAR_CLAIM);

    /**
     * Ends its first turn with {@link #QUESTION}; once the conversation carries that question (a resumed session
     * with the answer), commits and claims done.
     */
    ResponsesScenario ASKER = c -> {
        if ("function_call_output".equals(c.lastItemType())) {
            return new Text(ASKER_CLAIM);
        }
        return c.texts("assistant").contains(QUESTION) ? new Shell(ASKER_COMMAND) : new Text(QUESTION);
    };

    /** The namespace Codex groups an MCP server's tools in ({@code mcp__<server>}), as its tool list shows. */
    String CZAR_TOOLS = "mcp__czar";
    String MCP_COMMAND = "printf 'fixed\\n' > work.txt && git add work.txt && git commit -q -m 'Fix the token refresh'";
    String MCP_CLAIM = "CZAR_DONE: work committed";

    /**
     * issue 21, one session: fleet_status, claim_done before committing (refused), commit, claim_done again
     * (passed), then the final text; each step follows the number of tool outputs the conversation carries.
     */
    ResponsesScenario MCP = c -> switch (c.toolOutputs().size()) {
        case 0 -> new Call(CZAR_TOOLS, "fleet_status", "{}");
        case 1 -> new Call(CZAR_TOOLS, "claim_done", "{\"summary\":\"nothing yet\"}");
        case 2 -> new Shell(MCP_COMMAND);
        case 3 -> new Call(CZAR_TOOLS, "claim_done", "{\"summary\":\"work committed\"}");
        default -> new Text("Checked the fleet, fixed the refused claim and passed the gate.\n\n" + MCP_CLAIM);
    };

    /**
     * issue 21, ask_human: asks {@link #QUESTION} through czar's tool; with the answer as the tool's output, commits and
     * claims done in the same turn.
     */
    ResponsesScenario MCP_ASKER = c -> switch (c.toolOutputs().size()) {
        case 0 -> new Call(CZAR_TOOLS, "ask_human", "{\"question\":\"" + QUESTION + "\"}");
        case 1 -> new Shell(ASKER_COMMAND);
        default -> new Text("Kept the legacy table as answered.\n\n" + ASKER_CLAIM);
    };

    String ASKER_WAITS = "I asked the humans whether to keep the legacy table; ending my turn until they answer.";

    /**
     * issue 21, ask_human answered late: asks through czar's tool; told there is no answer yet, ends its turn; resumed
     * with the answer (a new user message), commits and claims done.
     */
    ResponsesScenario MCP_LATE_ASKER = c -> {
        int outputs = c.toolOutputs().size();
        if (outputs == 0) {
            return MCP_ASKER.reply(c);
        }
        if (outputs == 1) {
            return "function_call_output".equals(c.lastItemType()) ? new Text(ASKER_WAITS) : new Shell(ASKER_COMMAND);
        }
        return new Text("Kept the legacy table as answered.\n\n" + ASKER_CLAIM);
    };

    /**
     * One stand-in for several workers: each conversation follows the scenario its task names in a line
     * {@code scenario: honest|liar|asker|stuck} (as the Claude Code stand-in does).
     */
    static ResponsesScenario byTask() {
        java.util.Map<String, ResponsesScenario> named = java.util.Map.of("honest", HONEST, "liar", LIAR,
                "asker", ASKER, "stuck", STUCK);
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("scenario: (\\w+)");
        return c -> c.texts("user").stream().map(line::matcher).filter(java.util.regex.Matcher::find)
                .map(m -> named.get(m.group(1))).filter(java.util.Objects::nonNull).findFirst()
                .map(s -> s.reply(c)).orElse(new Failure(400, "the task names no scenario"));
    }

    /** Every request fails with HTTP {@code status}. */
    static ResponsesScenario failing(int status) {
        return c -> new Failure(status, "stand-in overloaded");
    }

    sealed interface Reply {
    }

    /** An assistant message: the turn's final text. */
    record Text(String text) implements Reply {
    }

    /** A call of Codex's {@code exec_command} tool. */
    record Shell(String command) implements Reply {
    }

    /**
     * A call of any function tool the agent offered ({@code arguments} a JSON object's text); {@code namespace} as the
     * agent's tool list groups it, or {@code null}.
     */
    record Call(String namespace, String name, String arguments) implements Reply {
        public Call(String name, String arguments) {
            this(null, name, arguments);
        }
    }

    /** An HTTP error instead of a stream. */
    record Failure(int status, String message) implements Reply {
    }
}
