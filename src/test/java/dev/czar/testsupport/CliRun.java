package dev.czar.testsupport;

import dev.czar.Czar;
import dev.czar.cli.CzarCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/** Runs the real czar command line in-process, with its own env and clock, capturing stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun run(Map<String, String> env, Clock clock, String... args) {
        CommandLine cli = CzarCommand.commandLine(Czar::assemble, env, clock);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
