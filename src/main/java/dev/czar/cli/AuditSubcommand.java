package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.store.AuditVerification;
import dev.czar.store.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code czar audit verify}: thin adapter over {@link AuditVerifier}; exit 1 when the chain is broken. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log of every command.",
        subcommands = AuditSubcommand.Verify.class)
final class AuditSubcommand implements Callable<Integer> {
    static final int TAMPERED = 1;

    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CzarCommand.USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the audit log's hash chain: 'intact' with its head, or the first broken link (exit 1).")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditSubcommand audit;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Override
        public Integer call() {
            try (CzarApp app = audit.parent.start(global)) {
                AuditVerification result = new AuditVerifier(app.database()).verify();
                PrintWriter out = result.intact() ? spec.commandLine().getOut() : spec.commandLine().getErr();
                out.println(result.intact() ? result.line() : "czar: " + result.line());
                out.flush();
                return result.intact() ? 0 : TAMPERED;
            }
        }
    }
}
