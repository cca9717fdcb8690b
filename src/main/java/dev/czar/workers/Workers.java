package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import dev.czar.store.Database;
import org.eclipse.jgit.lib.Repository;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The worker feature as the rest of czar sees it: launch, kill, retry, reply, reprioritise, pause and resume, and
 * read the fleet.
 * These only change rows in the shared database, so they work from any czar process; the {@link Supervisor}
 * (running in whichever process holds the home's lease) acts on them.
 */
public final class Workers implements AutoCloseable {
    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final Supplier<Optional<String>> mainBranch;
    /** Closes the repository when this feature opened it; nothing when it was borrowed. */
    private final Runnable releaseRepo;
    private final Supervisor supervisor;
    private final Parts parts;
    private final PullRequestSource pullRequests;
    private final Clock clock;
    private boolean closed;

    /** The services behind this facade, built by {@link WorkersAssembly}. */
    record Parts(WorkstreamLaunch launches, WorkerControls controls, WorkstreamViews views, AgentSessions sessions,
                 LexicalEvidence wordRarity, Function<String, String> agentOf) {
    }

    Workers(WorkersConfig config, WorkstreamStore store, BranchFacts git, Supplier<Optional<String>> mainBranch,
            Runnable releaseRepo, Supervisor supervisor, Parts parts, PullRequestSource pullRequests, Clock clock) {
        this.config = config;
        this.store = store;
        this.git = git;
        this.mainBranch = mainBranch;
        this.releaseRepo = releaseRepo;
        this.supervisor = supervisor;
        this.parts = parts;
        this.pullRequests = pullRequests;
        this.clock = clock;
    }

    /**
     * Builds the feature for the repository at {@code repoRoot} with everything it works with ({@code wiring}); the
     * backend, when the wiring names none, is the one {@code workers.backend} names: local processes, or Kubernetes
     * Jobs on the cluster found as kubectl finds it.
     */
    public static Workers open(WorkersConfig config, Path home, Path repoRoot, Supplier<Optional<String>> mainBranch,
                               Database db, Clock clock, WorkersWiring wiring) {
        return WorkersAssembly.open(config, home, repoRoot, mainBranch, db, clock, wiring);
    }

    /**
     * As above over {@code repo}, borrowed from the app's one JGit access point: its owner closes it, this never does.
     * The repository's work tree is where the Kubernetes backend and agents find the checkout.
     */
    public static Workers open(WorkersConfig config, Path home, Repository repo, Supplier<Optional<String>> mainBranch,
                               Database db, Clock clock, WorkersWiring wiring) {
        return WorkersAssembly.borrowing(config, home, repo, mainBranch, db, clock, wiring);
    }

    /** Over a repository it opens at {@code repoRoot}, with {@link WorkersWiring#defaults()}. */
    public static Workers open(WorkersConfig config, Path home, Path repoRoot, Supplier<Optional<String>> mainBranch,
                               Database db, Clock clock) {
        return open(config, home, repoRoot, mainBranch, db, clock, WorkersWiring.defaults());
    }

    /**
     * Task fit's word weights: how rare each word is in the last 2,000 commit messages of main, read on first use
     * (issue 24: "click" says nothing on click's history, "fish" says a lot).
     */
    public LexicalEvidence wordRarity() {
        return parts.wordRarity();
    }

    /** What the commits from {@code base} to {@code head} change ({@code czar fit BRANCH}): messages and diff. */
    public ChangeSummary change(String base, String head) {
        return parts.views().change(base, head);
    }

    /** Where answers, the dashboard, digests and alerts read each workstream's pull request from (issue 19). */
    public PullRequestSource pullRequests() {
        return pullRequests;
    }

    /** The tokens binding workers' MCP servers to their workstreams. */
    public McpTokens mcpTokens() {
        return new McpTokens(store.database(), clock);
    }

    /** What a worker may do to czar about its own workstream (the tools of 'czar mcp'). */
    public WorkerChannel channel() {
        return new WorkerChannel(store, git, supervisor, mainBranch, clock, config.maxFixRounds());
    }

    public WorkersConfig config() {
        return config;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    /** The feature's own tables; other features read the fleet through {@link #history()}. */
    WorkstreamStore store() {
        return store;
    }

    /** What the fleet did (events, gate runs), for the features that report on it. */
    public FleetHistory history() {
        return new FleetHistory(store);
    }

    /** What a launch did, in one line for the user. */
    public record LaunchResult(Workstream workstream, boolean created, String message) {
    }

    /**
     * Records a workstream (idempotent by name: launching an existing name changes nothing and says so). It is
     * QUEUED, or BLOCKED while its dependency is not DONE.
     */
    public LaunchResult launch(String name, String task, int priority, String dependsOn, String user, String channel,
                               String thread) {
        return launch(name, task, priority, dependsOn, user, channel, thread, null);
    }

    /**
     * As above, run by the agent preset {@code agent} ({@code null}: {@code workers.agent}). An unknown agent, or one
     * whose executable is missing, is refused with a one-line reason naming how to install it.
     */
    public LaunchResult launch(String name, String task, int priority, String dependsOn, String user, String channel,
                               String thread, String agent) {
        return parts.launches().launch(name, task, priority, dependsOn, user, channel, thread, agent);
    }

    /** The agent facts of every workstream that ran one (or was launched naming one), by name. */
    public Map<String, AgentSessions.AgentSession> agentSessions() {
        return parts.sessions().all();
    }

    /** Agent usage (tokens, cost) summed by {@code workstream}, {@code user} or {@code day}. */
    public List<AgentSessions.UsageSum> agentUsage(String grouping) {
        return parts.sessions().usageBy(grouping);
    }

    /** Agent usage of the runs that ended after {@code since}, summed by {@code grouping}. */
    public List<AgentSessions.UsageSum> agentUsage(String grouping, Instant since) {
        return parts.sessions().usageBy(grouping, since);
    }

    /** The agent a workstream runs: the one its launch named, else {@code workers.agent}. */
    public String agentOf(String name) {
        return parts.agentOf().apply(name);
    }

    /** Asks for a workstream to be killed; the supervisor ends its whole process group on its next round. */
    public WorkerAction kill(String name, String user) {
        return parts.controls().kill(name, user);
    }

    /** Puts a FAILED, KILLED or LOST workstream back in the queue with fresh retries. */
    public WorkerAction retry(String name, String user) {
        return parts.controls().retry(name, user);
    }

    /**
     * Holds a workstream where it is: a queued or blocked one is not started when a slot frees; a running or waiting
     * worker's whole process group is stopped (SIGSTOP) by the supervisor on its next round, keeps its slot, and is
     * never declared STUCK while paused. {@link #resume} undoes it.
     */
    public WorkerAction pause(String name, String user) {
        return parts.controls().pause(name, user);
    }

    /** Puts a paused workstream back in the state it was paused in; a stopped worker goes on (SIGCONT). */
    public WorkerAction resume(String name, String user) {
        return parts.controls().resume(name, user);
    }

    /** Queues an operator's answer for a worker's stdin; delivered by the supervisor running it. */
    public WorkerAction reply(String name, String text, String user) {
        return parts.controls().reply(name, text, user);
    }

    /**
     * Merges a verified workstream's branch into main (only with {@code workers.unsafe.auto-merge}; front doors ask
     * for a confirmation first). The gate's next check sees the merge and marks it DONE.
     *
     * @throws WorkerException with the one-line reason it was refused; nothing is merged then
     */
    public WorkerAction merge(String name, String user) {
        return parts.controls().merge(name, user);
    }

    public WorkerAction reprioritise(String name, int priority, String user) {
        return parts.controls().reprioritise(name, priority, user);
    }

    public List<Workstream> all() {
        return store.all();
    }

    /** Waiting work in the order it will start: QUEUED by priority, then BLOCKED, then held by a pause. */
    public List<Workstream> queue() {
        return parts.views().queue();
    }

    public Optional<Workstream> find(String name) {
        return store.find(name);
    }

    /** Everything known about one workstream: head, gate items, recent events, last log lines. */
    public WorkerView view(Workstream ws) {
        return parts.views().view(ws);
    }

    /** Which listed requirements of its task the branch touches (issue 24); empty for prose tasks. */
    public RequirementProgress progress(Workstream ws) {
        return parts.views().progress(ws);
    }

    /** The head commit of any local branch. */
    public Optional<String> headOf(String branch) {
        return git.head(branch);
    }

    public List<WorkerAlert> alerts() {
        return store.alerts().current();
    }

    public Optional<String> mainBranch() {
        return mainBranch.get();
    }

    /** The last lines of the newest log of a workstream. */
    public String logTail(String name, int lines) {
        return parts.views().logTail(name, lines);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return; // a stop signal and the app's own close may both get here
        }
        closed = true;
        supervisor.close();
        releaseRepo.run();
    }
}
