package dev.czar;

import dev.czar.audit.AuditCommand;
import dev.czar.agent.AgentTools;
import dev.czar.agent.BenchAnswers;
import dev.czar.agent.CiAnswers;
import dev.czar.agent.ReviewAnswers;
import dev.czar.agent.ReviewTools;
import dev.czar.agent.BenchTools;
import dev.czar.agent.CiTools;
import dev.czar.agent.ChatModels;
import dev.czar.agent.Redactor;
import dev.czar.agent.LlmAgent;
import dev.czar.agent.OfflineAnswerer;
import dev.czar.agent.PullRequestAnswers;
import dev.czar.agent.PullRequestTools;
import dev.czar.agent.TokenLedger;
import dev.czar.agent.Topic;
import dev.czar.agent.StatusCommand;
import dev.czar.agent.FreshAnswerer;
import dev.czar.chat.ChatService;
import dev.czar.chat.ChatGateway;
import dev.czar.config.DashboardConfig;
import dev.czar.config.DigestConfig;
import dev.czar.digest.AlertThrottle;
import dev.czar.digest.AlertWatcher;
import dev.czar.digest.DigestSchedule;
import dev.czar.digest.DigestScheduler;
import dev.czar.web.Dashboard;
import dev.czar.workers.WorkerNotices;
import dev.czar.cli.CzarCommand;
import dev.czar.command.AccessPolicy;
import dev.czar.command.CommandPath;
import dev.czar.command.CommandRegistry;
import dev.czar.config.ConfigLoader;
import dev.czar.config.CzarConfig;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.ci.CiSources;
import dev.czar.digest.ActionsCi;
import dev.czar.digest.DigestCommand;
import dev.czar.digest.DigestComposer;
import dev.czar.digest.DigestMarks;
import dev.czar.digest.Digests;
import dev.czar.digest.StoredBench;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.intent.IntentRefiner;
import dev.czar.intent.NearestExamples;
import dev.czar.mcp.McpLaunch;
import dev.czar.intent.IntentRouter;
import dev.czar.review.PersonaCatalog;
import dev.czar.review.PersonaLoader;
import dev.czar.review.PullRequestDiffs;
import dev.czar.github.GithubClient;
import dev.czar.github.PullRequestChecks;
import dev.czar.github.PullRequestFacts;
import dev.czar.github.PullRequestMerge;
import dev.czar.github.PullRequestStore;
import dev.czar.github.PullRequestPublisher;
import dev.czar.review.ReviewCommand;
import dev.czar.review.ReviewRunner;
import dev.czar.review.ReviewService;
import dev.czar.review.ReviewSettings;
import dev.czar.review.ReviewStore;
import dev.langchain4j.model.chat.ChatModel;
import org.slf4j.LoggerFactory;
import dev.czar.store.AuditLog;
import dev.czar.store.AuditVerifier;
import dev.czar.store.ConversationStore;
import dev.czar.store.Database;
import dev.czar.store.HomeDirectory;
import dev.czar.workers.CiGate;
import dev.czar.workers.FleetAnswers;
import dev.czar.workers.ReviewGate;
import dev.czar.workers.WorkerCommands;
import dev.czar.workers.WorkerTools;
import dev.czar.understanding.MiniLmEmbedder;
import dev.czar.understanding.TextEmbedder;
import dev.czar.workers.Workers;
import dev.czar.workers.RemoteSync;
import dev.czar.workers.RemoteTransport;
import dev.czar.config.WorkersConfig;
import dev.czar.workers.WorkstreamThreads;
import dev.czar.workers.FleetHistory;
import dev.czar.workers.ModelTaskFit;
import dev.czar.workers.WorkersWiring;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Entry point and composition root: the only place that knows how the features are wired together. */
public final class Czar {
    /** How often {@code czar serve} looks for alerts to post and digests that are due. */
    static final long SERVE_CHECK_EVERY_SECONDS = 30;

    private Czar() {
    }

    public static void main(String[] args) {
        System.exit(CzarCommand.commandLine(Czar::assemble).execute(args));
    }

    /** The H2 file database under the home, or the PostgreSQL server {@code store.url} names (issue 23). */
    static Database openStore(CzarConfig config, Path home, Map<String, String> env) {
        if (!config.store().onServer()) {
            return Database.open(home);
        }
        // credentials from the environment only: the config file is shared and checked in
        return Database.openServer(config.store().url(), env.get("CZAR_STORE_USER"), env.get("CZAR_STORE_PASSWORD"));
    }

    /** Builds a running czar from resolved options; fails with a {@link UserError} on bad config or repository. */
    public static CzarApp assemble(StartOptions options) {
        CzarConfig config = new ConfigLoader(options.env()).load(options.configFile());
        GitEvidence git = GitEvidence.open(options.repo(), config.git());
        Path home = HomeDirectory.prepare(options.home()); // owner-only, whatever the umask (issue 18)
        LogSetup.toFile(home);
        Database database;
        try {
            database = openStore(config, home, options.env());
        } catch (RuntimeException e) {
            git.close();
            throw e;
        }
        ZoneId zone = "system".equals(config.chat().timeZone()) ? ZoneId.systemDefault() : ZoneId.of(config.chat().timeZone());
        BenchEvidence bench = BenchEvidence.over(database, options.clock(), config.bench());
        // the token comes from the environment only, never from a file or a log line
        // one GitHub client for every feature, so ETags, rate limits and the breaker are shared (issue 19)
        GithubClient github = config.ci().github().enabled()
                ? GithubClient.fromConfig(config.ci().github(), options.env().get("GITHUB_TOKEN"), options.clock()) : null;
        CiSources ci = CiSources.withClient(config.ci(), github, database, options.clock());
        // issue 19: git.remote fetched on the tick and before launches, gates and status answers; branches start
        // from its main. Through the git executable, so the user's own credentials apply (README says why)
        RemoteSync remote = new RemoteSync(git.repository(), config.git().remote(), // issue 22: the one Repository
                WorkersConfig.parseDuration(config.git().fetchInterval()), options.clock(),
                RemoteTransport.of(git.repository(), options.env().get("GITHUB_TOKEN")));
        AuditLog audit = new AuditLog(database, options.clock()); // the one audit log of every front door
        ReviewService reviews = reviews(config, git, database, github, options);
        // issue 19: pull requests answered from their stored state, first: "waiting for review" is theirs, not the fleet's
        PullRequestFacts pullRequests = PullRequestFacts.over(database, new FleetHistory(database, options.clock()));
        FrontDoorNotices notices = new FrontDoorNotices(); // 'czar serve' points them at Slack threads
        Workers workers;
        try {
            workers = Workers.open(config.workers(), home, git.root(), git::mainBranch, database, options.clock(),
                    workersWiring(config, options, home, git, github, ci, remote, reviews, database)
                            .pullRequests(pullRequests) // the fleet answers, dashboard, digests and alerts show each PR
                            .audit(audit).notices(notices).build());
        } catch (RuntimeException e) {
            database.close();
            git.close();
            throw e;
        }
        OfflineAnswerer answerer = new OfflineAnswerer(git, options.clock(), zone, config.git().recentCommits(), List.of(
                new PullRequestAnswers(pullRequests, options.clock(), zone), ReviewAnswers.of(reviews, git), new FleetAnswers(workers), BenchAnswers.of(bench, git::mainBranch),
                CiAnswers.of(ci, git, options.clock())));
        CommandRegistry registry = new CommandRegistry()
                .register(StatusCommand.SPEC, new StatusCommand(new FreshAnswerer(answerer, remote::fetchIfDue, remote::staleness)))
                .register(ReviewCommand.SPEC, new ReviewCommand(reviews));
        new WorkerCommands(workers).registerAll(registry);
        // issue 8: digests read the same services the answers use
        TokenLedger ledger = new TokenLedger(database);
        Digests digests = new Digests(new DigestComposer(workers, git, new ActionsCi(ci.actions()), new StoredBench(bench), ledger,
                options.clock()), new DigestMarks(database),
                () -> Optional.of(new AuditVerifier(database).verify())); // issue 18: a broken audit chain heads every digest
        registry.register(DigestCommand.SPEC, new DigestCommand(digests));
        registry.register(AuditCommand.SPEC, new AuditCommand(new AuditVerifier(database))); // issue 18: chain check
        // issue 3: the LLM agent answers CONVERSATION and STATUS when llm.provider is set; commands stay deterministic
        AgentTools agentTools = AgentTools.standard(git, ledger, options.clock(), zone, config.git().recentCommits());
        // feature tools are offered only when the question touches their topic, to keep every request small
        agentTools.register(WorkerTools.of(workers), Topic.WORKERS); // workers_overview, worker_detail
        agentTools.register(CiTools.of(ci, options.clock()), Topic.CI); // ci_runs, ci_test_reports
        agentTools.register(BenchTools.of(bench), Topic.BENCH); // bench_latest, bench_history, bench_compare
        agentTools.register(ReviewTools.of(reviews, git), Topic.REVIEW); // review_latest
        agentTools.register(PullRequestTools.of(pullRequests, options.clock(), zone), Topic.PULL_REQUESTS);
        LlmAgent agent = config.llm().enabled()
                ? LlmAgent.create(config.llm(), agentTools, answerer, database, ledger, options.clock(), zone, git)
                : new LlmAgent(answerer, IntentRefiner.NONE);
        AccessPolicy access = new AccessPolicy(config.access());
        CommandPath commands = new CommandPath(registry, access, audit);
        // issue 24: casual messages the rules cannot place go to the nearest labelled example (embeddings, lazily)
        IntentRouter router = new IntentRouter(agent.refiner(), config.understanding().embeddingsOn()
                ? nearestExamples(config.understanding(), git.root()) : IntentRefiner.NONE);
        ChatService chat = new ChatService(router, new FreshAnswerer(agent.answerer(), remote::fetchIfDue, remote::staleness), commands,
                new ConversationStore(database, options.clock()), config.chat().maxMessageChars(),
                new WorkstreamThreads(workers)); // an answer in a waiting worker's thread goes to its stdin
        return new CzarApp(config, home, git, database, chat, reviews, workers, bench, ci, digests, audit, access, notices);
    }

    /**
     * What the worker feature works with: CI and reviews (with GitHub: pull requests) in its Definition of Done, the
     * remote, task texts compared by meaning, and czar's MCP server for its agents.
     */
    private static WorkersWiring.Builder workersWiring(CzarConfig config, StartOptions options, Path home,
                                                       GitEvidence git, GithubClient github, CiSources ci,
                                                       RemoteSync remote, ReviewService reviews, Database database) {
        WorkersWiring.Builder wiring = WorkersWiring.builder()
                .ci(CiGate.over(ci)) // the Definition of Done reads CI evidence of the branch head
                .remote(remote)
                .review(ReviewGate.over(reviews)); // a review blocker sends the worker back to fix it
        if (config.mcp().enabled()) { // issue 21: each agent gets 'czar mcp' on this home, bound by a token
            wiring.mcpCommand(McpLaunch.command(config.mcp(), home, git.root(), options.configFile()));
        }
        // issue 19: push each branch and keep its pull request in step with the gate, when GitHub is configured
        PullRequestPublisher.fromConfig(config, github, remote, database, options.clock()).ifPresent(publisher -> wiring
                .publishing(publisher, new PullRequestMerge(github, new PullRequestStore(database),
                        config.workers().mergeMethod(), options.clock())) // 'czar merge' merges the PR at the verified head
                .ci(new PullRequestChecks(github, git::mainBranch))); // the PR head's check runs and statuses are the CI item
        // issue 24: task texts compared by meaning; the model loads on first use, not here
        TextEmbedder embedder = config.understanding().embeddingsOn() ? MiniLmEmbedder.shared() : TextEmbedder.OFF;
        return wiring.comparingTasks(embedder, config.understanding().duplicateSimilarity(),
                        config.understanding().overlapSimilarity())
                .judgingFit(embedder, config.understanding().fitMargin(), config.llm().enabled()
                        ? new ModelTaskFit(() -> ChatModels.create(config.llm()), Redactor.INSTANCE::redact) : null);
    }

    /**
     * What {@code czar serve} runs besides its Slack front door, over the chat that door posts to: the supervisor's
     * notices and alerts in each workstream's thread (throttled), scheduled digests, and the dashboard. Returns the
     * started parts, to be closed in order.
     *
     * @throws UserError on a bad schedule or a dashboard that may not or cannot start
     */
    public static List<AutoCloseable> serve(CzarApp app, ChatGateway chat, Clock clock) {
        DigestConfig config = app.config().digest();
        List<DigestSchedule> schedules = new ArrayList<>();
        for (int i = 0; i < config.schedules().size(); i++) {
            schedules.add(DigestSchedule.parse(config.schedules().get(i), i));
        }
        // workstreams launched from Slack carry their channel and thread; the others' notices stay in the log
        WorkerNotices threads = new WorkstreamThreads(app.workers()).notices(chat, WorkerNotices.toLog());
        AlertThrottle throttle = new AlertThrottle(threads, app.database(), clock, config.alertRepeatAfterDuration(),
                config.alertsPerHour());
        app.notices().postThrough(throttle);
        var composer = app.digests().composer();
        AlertWatcher alerts = new AlertWatcher(app.workers(), composer.bench(), throttle, config.regressionThreshold());
        alerts.start(SERVE_CHECK_EVERY_SECONDS);
        DigestScheduler scheduler = new DigestScheduler(schedules, app.digests(), composer.bench(), chat, clock);
        scheduler.start(SERVE_CHECK_EVERY_SECONDS);
        List<AutoCloseable> parts = new ArrayList<>(List.of(alerts, scheduler));
        try {
            parts.add(dashboard(app, clock, null));
        } catch (RuntimeException e) {
            parts.forEach(Czar::closeQuietly);
            throw e;
        }
        return parts;
    }

    /** The dashboard over the app's services; {@code port} overrides {@code dashboard.port} when given. */
    public static Dashboard dashboard(CzarApp app, Clock clock, Integer port) {
        DashboardConfig c = app.config().dashboard();
        var composer = app.digests().composer();
        return Dashboard.start(port == null ? c : c.onPort(port), new Dashboard.Sources(app.workers(), app.git(),
                composer.ci(), composer.bench(), app.audit(), clock));
    }

    /** Closes a started part, logging rather than throwing: the others still have to close. */
    public static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(Czar.class).warn("stopping {}: {}", part, e.toString());
        }
    }

    /** The shipped intent examples, plus understanding.intent-examples (relative to the repository) when set. */
    private static NearestExamples nearestExamples(dev.czar.config.UnderstandingConfig understanding, Path repoRoot) {
        var embedder = dev.czar.understanding.MiniLmEmbedder.shared();
        return understanding.intentExamples().isEmpty() ? NearestExamples.shipped(embedder)
                : NearestExamples.withExtra(embedder, repoRoot.resolve(understanding.intentExamples()),
                understanding.intentExamples());
    }

    private static ReviewService reviews(CzarConfig config, GitEvidence git, Database database, GithubClient github,
                                         StartOptions options) {
        PersonaCatalog personas = PersonaLoader.load(git.root().resolve(config.review().personasDir()));
        personas.problems().forEach(problem -> LoggerFactory.getLogger(Czar.class).warn("persona file skipped: {}", problem));
        ReviewSettings settings = new ReviewSettings(config.review().maxParallel(),
                Duration.ofSeconds(config.review().personaTimeoutSeconds()), config.review().tokenBudget());
        // the agent's provider factory (issue 3); null runs the offline rule packs only
        ChatModel model = config.llm().enabled() ? ChatModels.create(config.llm()) : null;
        // review-specific secret labels first, then the agent's redactor for every other kind it knows
        ReviewRunner runner = new ReviewRunner(model, settings, Redactor.INSTANCE::redact);
        // an HTTP client loads the JDK's trust store (a tenth of start-up), so one is only built when GitHub is set
        PullRequestDiffs pulls = new PullRequestDiffs(github);
        return new ReviewService(git, personas, runner, new ReviewStore(database), pulls, options.clock());
    }
}
