package dev.czar.audit;

import dev.czar.chat.EvidenceLog;
import dev.czar.command.CommandHandler;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Role;
import dev.czar.store.AuditVerification;
import dev.czar.store.AuditVerifier;

import java.util.List;

/** {@code /czar audit verify}: walks the audit log's hash chain and says whether it holds, or where it breaks. */
public final class AuditCommand implements CommandHandler {
    public static final CommandSpec SPEC = new CommandSpec("audit", List.of(), "audit verify",
            "check the audit log's hash chain: intact, or the first row that was rewritten, inserted or deleted",
            Role.VIEWER, false);

    private final AuditVerifier verifier;

    public AuditCommand(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CommandResult handle(CommandRequest request, EvidenceLog log) {
        if (!request.args().equals(List.of("verify"))) {
            return CommandResult.failed("usage: audit verify");
        }
        AuditVerification result = log.call("audit.verify", verifier::verify);
        return result.intact() ? CommandResult.ok(result.line()) : new CommandResult("tampered", result.line());
    }
}
