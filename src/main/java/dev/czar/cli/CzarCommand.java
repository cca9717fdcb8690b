package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.UserError;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code czar}: the root command. Holds what subcommands need to start the app. */
@Command(name = "czar", mixinStandardHelpOptions = true, versionProvider = CzarCommand.Version.class,
        description = "Chat-ops supervisor for a fleet of AI coding agents; answers from git evidence.",
        subcommands = {ChatCommand.class, AskCommand.class, ServeCommand.class, ReviewSubcommand.class, LaunchCommand.class,
                WorkersCommand.class, QueueCommand.class, KillCommand.class, PauseCommand.class,
                ResumeCommand.class, ReplyCommand.class, SuperviseCommand.class, BenchCommand.class,
                CiCommand.class, DigestSubcommand.class, DashboardCommand.class, MergeCommand.class,
                AuditSubcommand.class, McpCommand.class, FitCommand.class, StoreSubcommand.class},
        footer = {"", "Run 'czar chat' to talk to the bot, or 'czar ask \"status of <branch>\"' for one answer."})
public final class CzarCommand implements Callable<Integer> {
    static final int USAGE = 2;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    private final Function<StartOptions, CzarApp> assembler;
    private final Map<String, String> env;
    private final Clock clock;

    CzarCommand(Function<StartOptions, CzarApp> assembler, Map<String, String> env, Clock clock) {
        this.assembler = assembler;
        this.env = env;
        this.clock = clock;
    }

    /** The command line as {@code main} runs it: real environment, system clock. */
    public static CommandLine commandLine(Function<StartOptions, CzarApp> assembler) {
        return commandLine(assembler, System.getenv(), Clock.systemUTC());
    }

    public static CommandLine commandLine(Function<StartOptions, CzarApp> assembler, Map<String, String> env, Clock clock) {
        CommandLine cli = new CommandLine(new CzarCommand(assembler, env, clock));
        cli.setParameterExceptionHandler(CzarCommand::usageError);
        cli.setExecutionExceptionHandler(CzarCommand::executionError);
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    CzarApp start(GlobalOptions sub) {
        return assembler.apply(new StartOptions(GlobalOptions.repo(sub, global, env), GlobalOptions.home(sub, global, env),
                GlobalOptions.config(sub, global, env), env, clock));
    }

    Clock clock() {
        return clock;
    }

    Map<String, String> env() {
        return env;
    }

    static String localUser() {
        return "local:" + System.getProperty("user.name", "user");
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        String message = e.getMessage() == null ? "bad usage" : e.getMessage().lines().findFirst().orElse("bad usage");
        e.getCommandLine().getErr().println("czar: " + message + " (see 'czar --help')");
        return USAGE;
    }

    private static int executionError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof UserError) {
            cli.getErr().println("czar: " + e.getMessage().lines().findFirst().orElse(""));
            return USAGE;
        }
        LoggerFactory.getLogger(CzarCommand.class).error("internal error", e);
        cli.getErr().println("czar: internal error: " + e + " (details in the log under the state directory)");
        return 1;
    }

    /** Reads the version Maven stamped into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties props = new Properties();
            try (InputStream in = CzarCommand.class.getResourceAsStream("/czar-version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            return new String[]{"czar " + props.getProperty("version", "unknown")};
        }
    }
}
