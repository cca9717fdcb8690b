package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import dev.czar.store.AuditLog;
import dev.czar.store.Database;
import dev.czar.workers.agents.AgentAdapters;
import dev.czar.workers.kubernetes.KubernetesBackend;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the worker feature once, every part with its collaborators ({@link Workers#open}): the store, the
 * Definition of Done gate, the fleet checks, the supervisor and the services the front doors call.
 */
final class WorkersAssembly {
    private final WorkersConfig config;
    private final Path home;
    private final Supplier<Optional<String>> mainBranch;
    private final Clock clock;
    private final WorkersWiring wiring;

    private WorkersAssembly(WorkersConfig config, Path home, Supplier<Optional<String>> mainBranch, Clock clock,
                            WorkersWiring wiring) {
        this.config = config;
        this.home = home;
        this.mainBranch = mainBranch;
        this.clock = clock;
        this.wiring = wiring;
    }

    /** Over a repository it opens at {@code repoRoot}, and closes when {@link Workers#close} runs. */
    static Workers open(WorkersConfig config, Path home, Path repoRoot, Supplier<Optional<String>> mainBranch,
                        Database db, Clock clock, WorkersWiring wiring) {
        Repository repo = openRepository(repoRoot);
        try {
            return new WorkersAssembly(config, home, mainBranch, clock, wiring).build(repo, repoRoot, db, repo::close);
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /** Over a borrowed repository (the app's one JGit access point), which its owner closes, never {@link Workers}. */
    static Workers borrowing(WorkersConfig config, Path home, Repository repo, Supplier<Optional<String>> mainBranch,
                             Database db, Clock clock, WorkersWiring wiring) {
        return new WorkersAssembly(config, home, mainBranch, clock, wiring).build(repo, repo.getWorkTree().toPath(), db,
                () -> { });
    }

    /** The one place the worker feature opens the supervised repository itself. */
    private static Repository openRepository(Path repoRoot) {
        try {
            return new FileRepositoryBuilder().findGitDir(repoRoot.toFile()).setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new WorkerException("cannot open git repository at " + repoRoot + ": " + e.getMessage(), e);
        }
    }

    private Workers build(Repository repo, Path repoRoot, Database db, Runnable releaseRepo) {
        WorkstreamStore store = new WorkstreamStore(db, clock);
        BranchFacts git = new BranchFacts(repo, wiring.remote().remote());
        AgentSessions sessions = new AgentSessions(db, clock);
        Function<String, String> agentOf = name -> sessions.find(name).map(AgentSessions.AgentSession::agent)
                .orElse(config.agent());
        // task fit's word weights: how rare each word is in the last 2,000 commit messages of main, read on first use
        LexicalEvidence wordRarity = LexicalEvidence.rarity(() -> mainBranch.get()
                .map(main -> git.recentMessages(main, 2_000)).orElse(List.of()));
        Supervisor supervisor = supervisor(repo, repoRoot, store, git, sessions, wordRarity, agentOf, db);
        WorkerControls controls = new WorkerControls(config, store,
                new Pauses(store, supervisor.capabilities(), config.backend()),
                new ConfirmedMerge(config, store, git, mainBranch, repo, clock, wiring.remoteMerge()), agentOf);
        Workers.Parts parts = new Workers.Parts(
                new WorkstreamLaunch(config, store, sessions, wiring.duplicates(), wiring.duplicateSimilarity()),
                controls, new WorkstreamViews(store, git, sessions, wordRarity, home.resolve("workers")), sessions,
                wordRarity, agentOf);
        return new Workers(config, store, git, mainBranch, releaseRepo, supervisor, parts, wiring.pullRequests(), clock);
    }

    private Supervisor supervisor(Repository repo, Path repoRoot, WorkstreamStore store, BranchFacts git,
                                  AgentSessions sessions, LexicalEvidence wordRarity, Function<String, String> agentOf,
                                  Database db) {
        WorkerBackend backend = wiring.backend() != null ? wiring.backend() : config.backend().equals("kubernetes")
                ? KubernetesBackend.connect(config.kubernetes(), repo, clock) : new LocalProcessBackend(clock);
        WorkerNotices notices = wiring.notices();
        StatusFile statusFile = new StatusFile(home.resolve("status.json"));
        TaskFitCheck fit = taskFit(store, git, wordRarity);
        CourseCorrections corrections = fit != null && config.autoRedirect() // issue 24: drifting workers are told, once
                ? new CourseCorrections(store, wiring.audit() != null ? wiring.audit() : new AuditLog(db, clock),
                name -> keepsSession(agentOf.apply(name)))
                : null;
        AttemptStart attempts = new AttemptStart(config, backend, sessions, statusFile.path(), home.resolve("workers"),
                wiring.mcpCommand(), new McpTokens(db, clock));
        Supervisor.Parts parts = new Supervisor.Parts(backend, new WorkingCopies(repo, home, config.workingCopies()),
                new DoneGate(git, new VerifyCommand(config, home), config, wiring, fit),
                new FleetChecks(store, git, statusFile, notices, wiring.duplicates(), fit, corrections), attempts, sessions,
                notices, wiring.remote());
        String id = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new Supervisor(id, config, store, git, mainBranch, clock, parts);
    }

    /** The task-fit judgement (issue 24) when the wiring asks for one, else {@code null}. */
    private TaskFitCheck taskFit(WorkstreamStore store, BranchFacts git, LexicalEvidence wordRarity) {
        WorkersWiring.TaskFitting fitting = wiring.taskFit();
        return fitting == null ? null : new TaskFitCheck(new TaskFit(fitting.embedder(), fitting.margin(), wordRarity),
                store, git, fitting.reader());
    }

    /** Whether an agent preset resumes a session with a message (rather than reading answers on stdin). */
    private static boolean keepsSession(String agent) {
        return AgentAdapters.builtIn().find(agent).map(a -> !a.readsStdin()).orElse(false);
    }
}
