package dev.czar.workers;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.Message;
import dev.czar.command.CommandRegistry;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Role;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker commands of {@code /czar}: thin adapters that parse arguments, call {@link Workers} and render the
 * {@link WorkerAction} it returns. The same specs guard the CLI subcommands.
 */
public final class WorkerCommands {
    public static final CommandSpec LAUNCH = new CommandSpec("launch", List.of("spawn"),
            "launch <name> [--priority N] [--depends-on <name>] [--agent A] <full task text>",
            "record a workstream; a worker starts on branch czar/<name> when a slot is free", Role.OPERATOR, false);
    public static final CommandSpec QUEUE = new CommandSpec("queue", List.of(),
            "queue", "waiting workstreams in the order they will start", Role.VIEWER, false);
    public static final CommandSpec WORKERS = new CommandSpec("workers", List.of(),
            "workers [name]", "every workstream with state, branch head and gate items", Role.VIEWER, false);
    public static final CommandSpec KILL = new CommandSpec("kill", List.of("stop"),
            "kill <name>", "end a worker and its whole process group; the branch is kept", Role.ADMIN, true);
    public static final CommandSpec RETRY = new CommandSpec("retry", List.of("requeue"),
            "retry <name>", "put a failed, killed or lost workstream back in the queue", Role.OPERATOR, false);
    public static final CommandSpec REPLY = new CommandSpec("reply", List.of("answer"),
            "reply <name> <answer>", "answer a waiting worker (its stdin, or its agent session resumed with it)", Role.OPERATOR, false);
    public static final CommandSpec PRIORITIZE = new CommandSpec("prioritize", List.of("prioritise"),
            "prioritize <name> <N>", "change a workstream's priority (higher starts first)", Role.OPERATOR, false);

    /** czar's merge of a verified branch ({@code workers.unsafe.auto-merge}); destructive, so Slack asks to confirm. */
    public static final CommandSpec MERGE = new CommandSpec("merge", List.of(),
            "merge <name>", "merge a verified workstream's branch into main (needs workers.unsafe.auto-merge)",
            Role.ADMIN, true);
    public static final CommandSpec PAUSE = new CommandSpec("pause", List.of("hold"),
            "pause <name>", "hold a workstream: not started if queued; a running worker's processes are stopped",
            Role.OPERATOR, false);
    public static final CommandSpec RESUME = new CommandSpec("resume", List.of("unpause"),
            "resume <name>", "let a paused workstream go on from where it was paused", Role.OPERATOR, false);

    private static final Pattern LAUNCH_ARGS = Pattern.compile(
            "^(\\S+)((?:\\s+--(?:priority|depends-on|agent)(?:=|\\s+)\\S+)*)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("--(priority|depends-on|agent)(?:=|\\s+)(\\S+)");

    private final Workers workers;

    public WorkerCommands(Workers workers) {
        this.workers = workers;
    }

    /** Registers every worker command. */
    public CommandRegistry registerAll(CommandRegistry registry) {
        return registry.register(LAUNCH, this::launch).register(QUEUE, this::queue).register(WORKERS, this::list)
                .register(KILL, this::kill).register(RETRY, (r, log) -> named(r, "retry", n -> workers.retry(n, user(r))))
                .register(REPLY, this::reply).register(PRIORITIZE, this::prioritize)
                .register(MERGE, (r, log) -> named(r, "merge", n -> workers.merge(n, user(r))))
                .register(PAUSE, (r, log) -> named(r, "pause", n -> workers.pause(n, user(r))))
                .register(RESUME, (r, log) -> named(r, "resume", n -> workers.resume(n, user(r))));
    }

    CommandResult launch(CommandRequest request, EvidenceLog log) {
        Matcher m = LAUNCH_ARGS.matcher(request.argumentText().strip());
        if (!m.matches() || m.group(3).isBlank()) {
            return CommandResult.failed("Usage: " + LAUNCH.syntax() + " (the task text is required).");
        }
        int priority = 0;
        String dependsOn = null;
        String agent = null;
        Matcher option = OPTION.matcher(m.group(2));
        while (option.find()) {
            if (option.group(1).equals("priority")) {
                try {
                    priority = Integer.parseInt(option.group(2));
                } catch (NumberFormatException e) {
                    return CommandResult.failed("--priority must be a whole number; got '" + option.group(2) + "'.");
                }
            } else if (option.group(1).equals("agent")) {
                agent = option.group(2);
            } else {
                dependsOn = option.group(2);
            }
        }
        Message msg = request.message();
        try {
            Workers.LaunchResult result = workers.launch(m.group(1), m.group(3), priority, dependsOn, msg.user(),
                    msg.channel(), msg.thread(), agent);
            log.cite(new Evidence("worker", result.workstream().name(), "workstream " + result.workstream().state().label(), null));
            return CommandResult.ok(result.message());
        } catch (WorkerException e) {
            return CommandResult.failed(e.getMessage() + ".");
        }
    }

    CommandResult queue(CommandRequest request, EvidenceLog log) {
        List<Workstream> queue = log.call("workers.queue", workers::queue);
        if (queue.isEmpty()) {
            return CommandResult.ok("The queue is empty.");
        }
        StringBuilder out = new StringBuilder("Queue (" + queue.size() + "):");
        for (Workstream ws : queue) {
            log.cite(new Evidence("worker", ws.name(), ws.state().label(), null));
            out.append("\n  ").append(FleetText.queueLine(ws));
        }
        return CommandResult.ok(out.toString());
    }

    CommandResult list(CommandRequest request, EvidenceLog log) {
        return CommandResult.ok(new FleetAnswers(workers).overview(request.args().isEmpty() ? null : request.args().get(0), log));
    }

    CommandResult kill(CommandRequest request, EvidenceLog log) {
        return named(request, "kill", n -> workers.kill(n, user(request)));
    }

    CommandResult reply(CommandRequest request, EvidenceLog log) {
        String[] parts = request.argumentText().strip().split("\\s+", 2);
        if (parts.length < 2) {
            return CommandResult.failed("Usage: " + REPLY.syntax() + ".");
        }
        try {
            return CommandResult.ok(workers.reply(parts[0], parts[1], user(request)).line());
        } catch (WorkerException e) {
            return CommandResult.failed(e.getMessage() + ".");
        }
    }

    CommandResult prioritize(CommandRequest request, EvidenceLog log) {
        if (request.args().size() != 2 || !request.args().get(1).matches("-?\\d{1,6}")) {
            return CommandResult.failed("Usage: " + PRIORITIZE.syntax() + ".");
        }
        try {
            return CommandResult.ok(workers.reprioritise(request.args().get(0), Integer.parseInt(request.args().get(1)),
                    user(request)).line());
        } catch (WorkerException e) {
            return CommandResult.failed(e.getMessage() + ".");
        }
    }

    private static CommandResult named(CommandRequest request, String verb,
                                       java.util.function.Function<String, WorkerAction> action) {
        if (request.args().size() != 1) {
            return CommandResult.failed("Usage: " + verb + " <name>.");
        }
        try {
            return CommandResult.ok(action.apply(request.args().get(0)).line());
        } catch (WorkerException e) {
            return CommandResult.failed(e.getMessage() + ".");
        }
    }

    private static String user(CommandRequest request) {
        return request.message().user();
    }
}
