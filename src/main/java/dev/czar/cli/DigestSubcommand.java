package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.digest.Digest;
import dev.czar.digest.DigestCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code czar digest --print}: the digest of what changed since the terminal's last one. Scheduled posting runs in serve. */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Print the digest of what changed since the last one printed here (workstreams, main, CI,",
                "conflicts, benchmarks, token spend, what needs a human). Scheduled digests are posted by 'czar serve'."})
final class DigestSubcommand implements Callable<Integer> {
    static final String TARGET = "terminal";

    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--print", description = "Print the digest to the terminal.")
    boolean print;

    @Override
    public Integer call() {
        if (!print) {
            throw new UserError("say where the digest goes: czar digest --print (Slack digests are posted by czar serve"
                    + " on digest.schedules, or on demand with /czar digest now)");
        }
        try (CzarApp app = parent.start(global)) {
            Digest[] digest = new Digest[1];
            LocalCommands.run(app, parent.clock(), DigestCommand.SPEC, "--print", () -> {
                digest[0] = app.digests().next(TARGET);
                return "";
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println(digest[0].render());
            out.flush();
            return 0;
        }
    }
}
