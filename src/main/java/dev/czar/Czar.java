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
import dev.czar.evidence.git.GitEvidence;
import dev.czar.intent.IntentRouter;
import dev.czar.config.LlmConfig;
import dev.czar.review.PersonaCatalog;
import dev.czar.review.PersonaLoader;
import dev.czar.review.PullRequestDiffs;
import dev.czar.review.ReviewCommand;
import dev.czar.review.ReviewRunner;
import dev.czar.review.ReviewService;
import dev.czar.review.ReviewSettings;
import dev.czar.review.ReviewStore;
import dev.czar.review.Secrets;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.slf4j.LoggerFactory;
import dev.czar.store.AuditLog;
import dev.czar.store.ConversationStore;
import dev.czar.store.Database;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        OfflineAnswerer answerer = new OfflineAnswerer(git, options.clock(), zone, config.git().recentCommits());
        ReviewService reviews = reviews(config, git, database, options);
        CommandRegistry registry = new CommandRegistry()
                .register(StatusCommand.SPEC, new StatusCommand(answerer))
                .register(ReviewCommand.SPEC, new ReviewCommand(reviews));
        CommandPath commands = new CommandPath(registry, new AccessPolicy(config.access()),
                new AuditLog(database, options.clock()));
        ChatService chat = new ChatService(new IntentRouter(), answerer, commands,
                new ConversationStore(database, options.clock()), config.chat().maxMessageChars());
        return new CzarApp(config, home, git, database, chat, reviews);
    }

    /** issue 7: multi-persona review; offline rule packs unless an LLM is configured. */
    private static ReviewService reviews(CzarConfig config, GitEvidence git, Database database, StartOptions options) {
        PersonaCatalog personas = PersonaLoader.load(git.root().resolve(config.review().personasDir()));
        personas.problems().forEach(problem -> LoggerFactory.getLogger(Czar.class).warn("persona file skipped: {}", problem));
        ReviewSettings settings = new ReviewSettings(config.review().maxParallel(),
                Duration.ofSeconds(config.review().personaTimeoutSeconds()), config.review().tokenBudget());
        ReviewRunner runner = new ReviewRunner(reviewModel(config.llm()), settings, Secrets::redact);
        PullRequestDiffs pulls = new PullRequestDiffs(config.ci().github(), options.env().get("GITHUB_TOKEN"),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        return new ReviewService(git, personas, runner, new ReviewStore(database), pulls, options.clock());
    }

    /**
     * The chat model reviews use, or {@code null} (offline rules) when no LLM is configured. Stand-in until this
     * is merged with the agent's provider factory (issue 3), which should then supply the model for reviews too.
     */
    private static ChatModel reviewModel(LlmConfig llm) {
        if (!llm.enabled()) {
            return null;
        }
        if (!"openai".equals(llm.provider()) && !"ollama".equals(llm.provider())) {
            LoggerFactory.getLogger(Czar.class).warn("reviews: llm.provider {} is not wired for reviews yet; using offline rules",
                    llm.provider());
            return null;
        }
        String defaultUrl = "ollama".equals(llm.provider()) ? "http://localhost:11434/v1" : "https://api.openai.com/v1";
        return OpenAiChatModel.builder()
                .baseUrl(llm.baseUrl().isEmpty() ? defaultUrl : llm.baseUrl())
                .apiKey(llm.apiKey().isEmpty() ? "not-needed" : llm.apiKey())
                .modelName(llm.model())
                .temperature(0.0)
                .maxRetries(0)
                .build();
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
