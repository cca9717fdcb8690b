package dev.czar.command;

import dev.czar.chat.Answer;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.Message;
import dev.czar.intent.Intent;
import dev.czar.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * The only way a COMMAND runs: parse, look up, authorize, execute, audit. Every request is audited, including
 * the refused and the unknown. Authorization fails closed: if the check itself breaks, the command is refused.
 */
public final class CommandPath {
    private static final Logger LOG = LoggerFactory.getLogger(CommandPath.class);

    private final CommandRegistry registry;
    private final AccessPolicy access;
    private final AuditLog audit;

    public CommandPath(CommandRegistry registry, AccessPolicy access, AuditLog audit) {
        this.registry = registry;
        this.access = access;
        this.audit = audit;
    }

    public Answer execute(Message message) {
        CommandRequest request = CommandParser.parse(message);
        var command = registry.find(request.verb());
        if (command.isEmpty()) {
            audit(request, "unavailable", null);
            return answer("This build has no '" + request.verb() + "' command. " + available(request.message().user()),
                    new EvidenceLog());
        }
        CommandSpec spec = command.get().spec();
        String refusal = refusal(spec, request);
        if (refusal != null) {
            audit(request, "refused", refusal);
            return answer(refusal, new EvidenceLog());
        }
        EvidenceLog log = new EvidenceLog();
        CommandResult result;
        try {
            result = command.get().handler().handle(request, log);
        } catch (RuntimeException e) {
            LOG.error("command {} failed", request.verb(), e);
            result = CommandResult.failed("'" + spec.name() + "' failed: " + e.getMessage());
        }
        audit(request, result.outcome(), result.outcome().equals("ok") ? null : result.text());
        return answer(result.text(), log);
    }

    /**
     * The destructive command this message asks for, when its sender may run it; front doors that can ask for a
     * confirmation do so before calling {@link #execute}. Empty for everything else, including refusals, which
     * {@code execute} answers and audits as usual.
     */
    public java.util.Optional<CommandSpec> destructiveAllowed(Message message) {
        CommandRequest request = CommandParser.parse(message);
        return registry.find(request.verb()).map(CommandRegistry.Registered::spec)
                .filter(CommandSpec::destructive)
                .filter(spec -> refusal(spec, request) == null);
    }

    /** Usage lines of the commands {@code user} may run; help lists only those. */
    public String available(String user) {
        Role role = roleOrViewer(user);
        String lines = registry.all().stream().map(CommandRegistry.Registered::spec)
                .filter(spec -> role.covers(spec.requiredRole()))
                .map(spec -> "  " + spec.syntax() + "  — " + spec.help())
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "You may not run any commands." : "Commands you can run:\n" + lines;
    }

    private String refusal(CommandSpec spec, CommandRequest request) {
        try {
            Role role = access.roleOf(request.message().user());
            return role.covers(spec.requiredRole()) ? null
                    : "'" + spec.name() + "' needs the " + spec.requiredRole().name().toLowerCase() + " role; you are "
                    + role.name().toLowerCase() + ". Ask an admin (access.admins in config/czar.yaml).";
        } catch (RuntimeException e) {
            LOG.error("access check failed for {}", request.message().user(), e);
            return "'" + spec.name() + "' refused: the access check failed, so I refuse in doubt.";
        }
    }

    private Role roleOrViewer(String user) {
        try {
            return access.roleOf(user);
        } catch (RuntimeException e) {
            return Role.VIEWER;
        }
    }

    private void audit(CommandRequest request, String outcome, String detail) {
        Message m = request.message();
        audit.record(m.user(), m.channel(), request.verb(), request.argumentText(), outcome, detail);
    }

    private static Answer answer(String text, EvidenceLog log) {
        return new Answer(Intent.COMMAND, text, log.evidence(), log.toolCalls(), 0);
    }
}
