package dev.czar;

import dev.czar.agent.OfflineAnswerer;
import dev.czar.agent.StatusCommand;
import dev.czar.chat.ChatService;
import dev.czar.cli.CzarCommand;
import dev.czar.command.AccessPolicy;
import dev.czar.command.CommandPath;
import dev.czar.command.CommandRegistry;
import dev.czar.config.ConfigLoader;
import dev.czar.config.CzarConfig;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.intent.IntentRouter;
import dev.czar.store.AuditLog;
import dev.czar.store.ConversationStore;
import dev.czar.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/** Entry point and composition root: the only place that knows how the features are wired together. */
public final class Czar {
    private Czar() {
    }

    public static void main(String[] args) {
        System.exit(CzarCommand.commandLine(Czar::assemble).execute(args));
    }

    /** Builds a running czar from resolved options; fails with a {@link UserError} on bad config or repository. */
    public static CzarApp assemble(StartOptions options) {
        CzarConfig config = new ConfigLoader(options.env()).load(options.configFile());
        GitEvidence git = GitEvidence.open(options.repo(), config.git());
        Path home = prepareHome(options.home());
        LogSetup.toFile(home);
        Database database;
        try {
            database = Database.open(home);
        } catch (RuntimeException e) {
            git.close();
            throw e;
        }
        ZoneId zone = "system".equals(config.chat().timeZone()) ? ZoneId.systemDefault() : ZoneId.of(config.chat().timeZone());
        BenchEvidence bench = BenchEvidence.over(database, options.clock(), config.bench().baselineRuns(),
                config.bench().minNoisePercent() / 100.0);
        // the token comes from the environment only, never from a file or a log line
        CiSources ci = CiSources.over(config.ci(), options.env().get("GITHUB_TOKEN"), database, options.clock());
        OfflineAnswerer answerer = new OfflineAnswerer(git, options.clock(), zone, config.git().recentCommits(), bench, ci);
        CommandRegistry registry = new CommandRegistry()
                .register(StatusCommand.SPEC, new StatusCommand(answerer));
        CommandPath commands = new CommandPath(registry, new AccessPolicy(config.access()),
                new AuditLog(database, options.clock()));
        ChatService chat = new ChatService(new IntentRouter(), answerer, commands,
                new ConversationStore(database, options.clock()), config.chat().maxMessageChars());
        return new CzarApp(config, home, git, database, chat, bench, ci);
    }

    private static Path prepareHome(Path home) {
        Path dir = home.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path ignore = dir.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                // the state dir often sits inside the supervised repository; keep it out of its status
                Files.writeString(ignore, "*\n");
            }
            return dir;
        } catch (IOException e) {
            throw new UserError("cannot use state directory " + dir + ": " + e.getMessage() + " (pick another with --home)", e);
        }
    }
}
