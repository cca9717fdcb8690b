package dev.czar.command;

import dev.czar.chat.Answer;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.Message;
import dev.czar.intent.Intent;
import dev.czar.store.AuditLog;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The only way a command runs, whatever the front door: parse once into a {@link CommandRequest}, look up its spec,
 * then the filters audit → access → confirmation → handler. Every request is audited, including the refused, the
 * unknown and the ones whose handler broke. Access fails closed: if the check itself breaks, the command is refused.
 */
public final class CommandPath {
    private final CommandRegistry registry;
    private final AuditFilter audit;
    private final AccessFilter access;
    private final List<CommandFilter> filters;
    private final AtomicLong parses = new AtomicLong();

    public CommandPath(CommandRegistry registry, AccessPolicy access, AuditLog audit) {
        this.registry = registry;
        this.audit = new AuditFilter(audit);
        this.access = new AccessFilter(access);
        this.filters = List.of(this.audit, this.access, new ConfirmationFilter());
    }

    /** Runs a chat message as a command the user confirmed by typing it. */
    public Answer execute(Message message) {
        return execute(message, Confirmer.TYPED);
    }

    /** Runs a chat message as a command; {@code confirmer} is how this front door gets a destructive one confirmed. */
    public Answer execute(Message message, Confirmer confirmer) {
        parses.incrementAndGet();
        CommandRequest request = CommandParser.parse(message);
        EvidenceLog log = new EvidenceLog();
        var command = registry.find(request.verb());
        if (command.isEmpty()) {
            audit.record(request, new CommandResult("unavailable", null));
            return answer("This build has no '" + request.verb() + "' command. " + available(message.user()), log);
        }
        CommandResult result = run(new CommandCall(request, command.get().spec(), command.get().handler(), log, confirmer));
        return answer(result.text(), log);
    }

    /**
     * Runs a request a front door parsed itself (a CLI verb and its typed options) through the same filters as a
     * chat message. The result says how it ended; the front door renders it.
     */
    public CommandResult run(CommandRequest request, CommandSpec spec, CommandHandler handler, Confirmer confirmer) {
        return run(new CommandCall(request, spec, handler, new EvidenceLog(), confirmer));
    }

    private CommandResult run(CommandCall call) {
        return chain(0).proceed(call);
    }

    private CommandFilter.Chain chain(int at) {
        if (at == filters.size()) {
            return call -> call.handler().handle(call.request(), call.log());
        }
        return call -> filters.get(at).apply(call, chain(at + 1));
    }

    /** Usage lines of the commands {@code user} may run: each filter's dry run decides. */
    public String available(String user) {
        String lines = registry.all().stream().map(CommandRegistry.Registered::spec)
                .filter(spec -> filters.stream().allMatch(filter -> filter.allows(user, spec)))
                .map(spec -> "  " + spec.syntax() + "  — " + spec.help())
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "You may not run any commands." : "Commands you can run:\n" + lines;
    }

    /** How often messages were parsed into commands and how often access was checked, since start. */
    public Counts counts() {
        return new Counts(parses.get(), access.checks());
    }

    /** Work done by the pipeline so far: each message should be parsed and authorized once. */
    public record Counts(long parses, long accessChecks) {
    }

    private static Answer answer(String text, EvidenceLog log) {
        return new Answer(Intent.COMMAND, text, log.evidence(), log.toolCalls(), 0);
    }
}
