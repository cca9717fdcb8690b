package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import dev.czar.store.Database;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The worker feature as the rest of czar sees it: launch, kill, retry, reply, reprioritise, pause and resume, and
 * read the fleet.
 * These only change rows in the shared database, so they work from any czar process; the {@link Supervisor}
 * (running in whichever process holds the home's lease) acts on them.
 */
public final class Workers implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final java.util.Set<WorkstreamState> RETRYABLE =
            java.util.EnumSet.of(WorkstreamState.FAILED, WorkstreamState.KILLED, WorkstreamState.LOST);

    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final Supplier<Optional<String>> mainBranch;
    private final Path home;
    private final Repository repo;
    private final Supervisor supervisor;
    private final Pauses pauses;
    private final ConfirmedMerge merges;
    private boolean closed;
    private Notices notices;
    /** Issue 24: how task texts are compared at launch; word overlap until {@link #understandWith} is called. */
    private volatile DuplicateDetector duplicates = new DuplicateDetector();
    private volatile double duplicateSimilarity = DuplicateDetector.SIMILAR_TASKS;
    private volatile PullRequestSource pullRequests = PullRequestSource.NONE;
    private final AgentSessions sessions;
    private final LexicalEvidence wordRarity;
    private volatile TaskFitCheck fitCheck;
    private volatile ModelTaskFit taskReader;
    private final Clock clock;

    Workers(WorkersConfig config, WorkstreamStore store, BranchFacts git, Supplier<Optional<String>> mainBranch, Path home,
            Repository repo, Supervisor supervisor, Clock clock) {
        this.config = config;
        this.store = store;
        this.git = git;
        this.mainBranch = mainBranch;
        this.home = home;
        this.repo = repo;
        this.supervisor = supervisor;
        this.pauses = new Pauses(store, supervisor.capabilities(), config.backend());
        this.merges = new ConfirmedMerge(config, store, git, mainBranch, repo, clock);
        this.sessions = new AgentSessions(store.database(), clock);
        this.wordRarity = LexicalEvidence.rarity(() -> this.mainBranch.get().map(main -> git.recentMessages(main, 2_000))
                .orElse(List.of()));
        this.clock = clock;
    }

    /**
     * Wires the feature for the repository at {@code repoRoot} with the backend {@code workers.backend} names: local
     * processes, or Kubernetes Jobs on the cluster found as kubectl finds it.
     */
    public static Workers open(WorkersConfig config, Path home, Path repoRoot, Supplier<Optional<String>> mainBranch,
                               Database db, Clock clock) {
        WorkerBackend backend = config.backend().equals("kubernetes")
                ? dev.czar.workers.kubernetes.KubernetesBackend.connect(config.kubernetes(), repoRoot, clock)
                : new LocalProcessBackend(clock);
        return open(config, home, repoRoot, mainBranch, db, clock, backend, WorkerNotices.toLog());
    }

    public static Workers open(WorkersConfig config, Path home, Path repoRoot, Supplier<Optional<String>> mainBranch,
                               Database db, Clock clock, WorkerBackend backend, WorkerNotices notices) {
        Repository repo;
        try {
            repo = new FileRepositoryBuilder().findGitDir(repoRoot.toFile()).setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new WorkerException("cannot open git repository at " + repoRoot + ": " + e.getMessage(), e);
        }
        WorkstreamStore store = new WorkstreamStore(db, clock);
        BranchFacts git = new BranchFacts(repo);
        String id = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        Notices switchable = new Notices(notices);
        Supervisor supervisor = new Supervisor(id, config, store, backend, new WorkingCopies(repo, home, config.workingCopies()),
                git, new StatusFile(home.resolve("status.json")), mainBranch, home, clock, switchable);
        Workers workers = new Workers(config, store, git, mainBranch, home, repo, supervisor, clock);
        workers.notices = switchable;
        return workers;
    }

    /**
     * Compares task texts by meaning from now on (issue 24): duplicate alerts and the launch-time warning use the
     * embedder ({@link dev.czar.understanding.TextEmbedder#OFF} keeps the word rules) and this threshold.
     */
    public void understandWith(dev.czar.understanding.TextEmbedder embedder, double duplicateSimilarity,
                               double overlapSimilarity) {
        this.duplicates = new DuplicateDetector(embedder, duplicateSimilarity, overlapSimilarity);
        this.duplicateSimilarity = duplicateSimilarity;
        supervisor.fleetChecks().compareWith(duplicates);
    }

    /** Judges task fit (issue 24) whenever a branch moves and in the gate, with this embedder and margin. */
    public void fitWith(dev.czar.understanding.TextEmbedder embedder, double margin) {
        TaskFitCheck check = new TaskFitCheck(new TaskFit(embedder, margin, wordRarity()), store, git);
        check.readWith(taskReader);
        this.fitCheck = check;
        supervisor.fleetChecks().fitWith(check);
        supervisor.gate().fitWith(check);
        if (config.autoRedirect()) { // issue 24: drifting workers are told, once per drift
            supervisor.fleetChecks().redirectWith(new CourseCorrections(store,
                    new dev.czar.store.AuditLog(store.database(), clock), name -> keepsSession(agentOf(name))));
        }
    }

    /** Whether an agent preset resumes a session with a message (rather than reading answers on stdin). */
    private static boolean keepsSession(String agent) {
        return dev.czar.workers.agents.AgentAdapters.builtIn().find(agent).map(a -> !a.readsStdin()).orElse(false);
    }

    /**
     * Task fit's word weights: how rare each word is in the last 2,000 commit messages of main, read on first use
     * (issue 24: "click" says nothing on click's history, "fish" says a lot).
     */
    public LexicalEvidence wordRarity() {
        return wordRarity;
    }

    /** With an llm configured, the gate's task-fit item also asks the model (issue 24, item 1). */
    public void readTasksWith(ModelTaskFit reader) {
        this.taskReader = reader;
        TaskFitCheck check = fitCheck;
        if (check != null) {
            check.readWith(reader);
        }
    }

    /** What the commits from {@code base} to {@code head} change ({@code czar fit BRANCH}): messages and diff. */
    public ChangeSummary change(String base, String head) {
        return ChangeSummary.ofBranch(git, base, head, 20);
    }

    /** Makes the personas' review of each branch part of the Definition of Done. */
    public void reviewWith(ReviewGate.Check check) {
        supervisor.gate().reviewWith(check);
    }

    /** Lets the Definition of Done decide its CI item from test reports and GitHub Actions runs of the branch head. */
    public void checkCiWith(CiGate.Check check) {
        supervisor.gate().checkCiWith(check);
    }

    /** {@code czar merge NAME} merges the workstream's pull request instead of writing a local merge (issue 19). */
    public void mergeThrough(RemoteMerge remote) {
        merges.mergeThrough(remote);
    }

    /**
     * Keeps the remote ({@code git.remote}) fetched on the supervisor's tick and before launches and gate runs;
     * new branches start from its main, and "merged" counts its main too (issue 19).
     */
    public void syncWith(RemoteSync remote) {
        supervisor.syncWith(remote, git);
    }

    /** Where answers, the dashboard, digests and alerts read each workstream's pull request from (issue 19). */
    public void showPullRequestsFrom(PullRequestSource source) {
        pullRequests = source;
    }

    public PullRequestSource pullRequests() {
        return pullRequests;
    }

    /** Pushes each branch to the remote and keeps its pull request in step with the gate (issue 19). */
    public void publishWith(BranchPublisher publisher) {
        supervisor.gate().publishWith(publisher);
    }

    /**
     * Sends the supervisor's notices (questions asked, unblocked, refused, done, alerts) somewhere else from now on,
     * e.g. to the Slack thread each workstream was launched from ({@link Workstream#channel()}, {@link Workstream#thread()}).
     */
    public void notifyVia(WorkerNotices target) {
        notices.target = target;
    }

    /** Forwards to a target that a front door started later (Slack) can replace. */
    private static final class Notices implements WorkerNotices {
        private volatile WorkerNotices target;

        Notices(WorkerNotices target) {
            this.target = target;
        }

        @Override
        public void tell(Workstream workstream, String text) {
            target.tell(workstream, text);
        }
    }

    /**
     * issue 21: every worker started from now on gets czar's MCP server ({@code command}: how to start
     * {@code czar mcp} on this home), bound to its workstream by a fresh token in its environment.
     */
    public void serveMcp(List<String> command) {
        supervisor.serveMcp(command, mcpTokens());
    }

    /** The tokens binding workers' MCP servers to their workstreams. */
    public McpTokens mcpTokens() {
        return new McpTokens(store.database(), clock);
    }

    /** What a worker may do to czar about its own workstream (the tools of 'czar mcp'). */
    public WorkerChannel channel() {
        return new WorkerChannel(store, git, supervisor, mainBranch, clock,
                config.maxFixRounds());
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
        String chosen = agent != null ? agent : config.agent();
        checkAgent(chosen);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new WorkerException("workstream names are lower-case letters, digits, '.', '_' and '-' (up to 63), e.g."
                    + " fix-login; got '" + name + "'");
        }
        // git's own ref-name rules (no "..", no trailing "." or ".lock", ...), checked now rather than when the branch
        // is created by a worker minutes later
        if (!Repository.isValidRefName("refs/heads/" + Workstream.BRANCH_PREFIX + name)) {
            throw new WorkerException("'" + name + "' would make " + Workstream.BRANCH_PREFIX + name + ", which git refuses"
                    + " as a branch name (no '..', no '.' at the end, no '.lock' at the end); pick another, e.g. fix-login");
        }
        if (task == null || task.isBlank()) {
            throw new WorkerException("the task text is empty: give the full task with --task TEXT or --task-file FILE");
        }
        WorkstreamState initial = WorkstreamState.QUEUED;
        String reason = config.enabled() ? "launched by " + user
                : "launched by " + user + "; no workers.command is configured, so it waits until one is";
        if (dependsOn != null) {
            if (dependsOn.equals(name)) {
                throw new WorkerException("a workstream cannot depend on itself");
            }
            Workstream dep = store.find(dependsOn).orElseThrow(() ->
                    new WorkerException("no workstream named '" + dependsOn + "' to depend on (launch it first)"));
            if (dep.state() != WorkstreamState.DONE) {
                initial = WorkstreamState.BLOCKED;
                reason = "waiting for dependency " + dependsOn + " (" + dep.state().label() + ")";
            }
        }
        var created = store.create(new WorkstreamStore.NewWorkstream(name, task.strip(), priority, dependsOn, user, channel,
                thread), initial, reason);
        Workstream ws = created.workstream();
        if (created.created() && agent != null) {
            sessions.choose(name, agent);
        }
        if (!created.created()) {
            String same = ws.task().equals(task.strip()) ? "" : " (with a different task; the stored one is kept)";
            return new LaunchResult(ws, false, name + " was already launched" + same + "; it is " + ws.state().label()
                    + " on " + ws.branch() + ". Nothing changed.");
        }
        StringBuilder msg = new StringBuilder("Launched " + name + " on " + ws.branch() + ": " + ws.state().label());
        if (initial == WorkstreamState.BLOCKED) {
            msg.append(" until ").append(dependsOn).append(" is done");
        }
        msg.append('.');
        if (!config.enabled()) {
            msg.append(" No workers.command is configured, so no worker will start; set it in config/czar.yaml.");
        }
        for (Workstream other : store.all()) {
            if (other.name().equals(name) || other.state().finished() || TaskTargets.differ(task, other.task())) {
                continue;
            }
            double similar = duplicates.taskSimilarity(task, other.task());
            if (similar >= duplicateSimilarity) {
                msg.append(String.format(java.util.Locale.ROOT, "%nPossible duplicate work: %s (%s) has a %.0f%% similar task.",
                        other.name(), other.state().label(), similar * 100));
            }
        }
        return new LaunchResult(ws, true, msg.toString());
    }

    private void checkAgent(String agent) {
        if (!dev.czar.workers.agents.AgentAdapters.names().contains(agent)) {
            throw new WorkerException("unknown agent '" + agent + "'; agents: "
                    + String.join(", ", dev.czar.workers.agents.AgentAdapters.names()));
        }
        var preset = dev.czar.workers.agents.AgentAdapters.builtIn().find(agent);
        if (preset.isPresent() && AgentExecutables.find(preset.get(), config.agentSettings(agent)).isEmpty()) {
            throw new WorkerException(AgentExecutables.missing(preset.get(), config.agentSettings(agent)));
        }
    }

    /** The agent facts of every workstream that ran one (or was launched naming one), by name. */
    public java.util.Map<String, AgentSessions.AgentSession> agentSessions() {
        return sessions.all();
    }

    /** Agent usage (tokens, cost) summed by {@code workstream}, {@code user} or {@code day}. */
    public List<AgentSessions.UsageSum> agentUsage(String grouping) {
        return sessions.usageBy(grouping);
    }

    /** Agent usage of the runs that ended after {@code since}, summed by {@code grouping}. */
    public List<AgentSessions.UsageSum> agentUsage(String grouping, java.time.Instant since) {
        return sessions.usageBy(grouping, since);
    }

    /** The agent a workstream runs: the one its launch named, else {@code workers.agent}. */
    public String agentOf(String name) {
        return sessions.find(name).map(AgentSessions.AgentSession::agent).orElse(config.agent());
    }

    /** Asks for a workstream to be killed; the supervisor ends its whole process group on its next round. */
    public String kill(String name, String user) {
        Workstream ws = require(name);
        if (ws.state().finished()) {
            return name + " is already " + ws.state().label() + "; nothing to kill.";
        }
        if (!store.transition(name, ws.state(), WorkstreamState.KILLED, user, "killed by " + user)) {
            return name + " changed state just now; try again.";
        }
        String process = !ws.holdsProcess() ? "" : config.backend().equals("kubernetes")
                ? " The supervisor deletes its worker's Job on its next round."
                : " The supervisor ends its worker's whole process group on its next round.";
        return "Killed " + name + " (was " + ws.state().label() + ")." + process + " Branch " + ws.branch() + " is kept.";
    }

    /** Puts a FAILED, KILLED or LOST workstream back in the queue with fresh retries. */
    public String retry(String name, String user) {
        Workstream ws = require(name);
        if (!RETRYABLE.contains(ws.state())) {
            return name + " is " + ws.state().label() + "; only failed, killed or lost workstreams can be retried.";
        }
        boolean moved = store.transition(name, ws.state(), WorkstreamState.QUEUED, user, "retry asked by " + user,
                WorkstreamStore.set("attempts", 0, "fix_rounds", 0, "not_before", null, "next_input", null));
        return moved ? "Re-queued " + name + " (was " + ws.state().label() + ")." : name + " changed state just now; try again.";
    }

    /**
     * Holds a workstream where it is: a queued or blocked one is not started when a slot frees; a running or waiting
     * worker's whole process group is stopped (SIGSTOP) by the supervisor on its next round, keeps its slot, and is
     * never declared STUCK while paused. {@link #resume} undoes it.
     */
    public String pause(String name, String user) {
        return pauses.pause(require(name), user);
    }

    /** Puts a paused workstream back in the state it was paused in; a stopped worker goes on (SIGCONT). */
    public String resume(String name, String user) {
        return pauses.resume(require(name), user);
    }

    /** Queues an operator's answer for a worker's stdin; delivered by the supervisor running it. */
    public String reply(String name, String text, String user) {
        Workstream ws = require(name);
        if (text == null || text.isBlank()) {
            throw new WorkerException("the answer is empty: reply " + name + " <answer>");
        }
        if (!ws.state().active() && ws.state() != WorkstreamState.QUEUED && !ws.holdsProcess()) {
            return name + " is " + ws.state().label() + "; there is no worker to answer.";
        }
        store.inputs().add(name, text.strip(), user);
        String where = agentOf(name).equals(dev.czar.workers.agents.CommandAdapter.NAME) ? " queued for its stdin"
                : " queued; its agent session resumes with it";
        return "Answer for " + name + where + (ws.state() == WorkstreamState.NEEDS_INPUT
                ? " (it asked: " + ws.reason().replaceFirst("^asks: ", "") + ")" : "") + ".";
    }

    /**
     * Merges a verified workstream's branch into main (only with {@code workers.unsafe.auto-merge}; front doors ask
     * for a confirmation first). The gate's next check sees the merge and marks it DONE.
     *
     * @throws WorkerException with the one-line reason it was refused; nothing is merged then
     */
    public String merge(String name, String user) {
        return merges.merge(require(name), user);
    }

    public String reprioritise(String name, int priority, String user) {
        Workstream ws = require(name);
        store.setFacts(name, WorkstreamStore.set("priority", priority));
        store.note(name, user, "priority " + ws.priority() + " -> " + priority);
        return name + " now has priority " + priority + ".";
    }

    public List<Workstream> all() {
        return store.all();
    }

    /** Waiting work in the order it will start: QUEUED by priority, then BLOCKED, then held by a pause. */
    public List<Workstream> queue() {
        List<Workstream> queued = new ArrayList<>(store.all().stream()
                .filter(w -> w.state() == WorkstreamState.QUEUED || w.state() == WorkstreamState.BLOCKED
                        || w.state() == WorkstreamState.PAUSED && !w.holdsProcess()).toList());
        queued.sort(Comparator.comparingInt((Workstream w) -> w.state().ordinal())
                .thenComparing(Comparator.comparingInt(Workstream::priority).reversed())
                .thenComparing(Workstream::createdAt));
        return queued;
    }

    public Optional<Workstream> find(String name) {
        return store.find(name);
    }

    /** Everything known about one workstream: head, gate items, recent events, last log lines. */
    public WorkerView view(Workstream ws) {
        String head = git.head(ws.branch()).orElse(null);
        return new WorkerView(ws, head, store.gates().latest(ws.name()), store.log().of(ws.name(), 8), logTail(ws.name(), 5),
                store.alerts().current().stream().filter(a -> a.concerns(ws.name())).toList(), sessions.find(ws.name()).orElse(null),
                progress(ws, head));
    }

    /** Which listed requirements of its task the branch touches (issue 24); empty for prose tasks. */
    public RequirementProgress progress(Workstream ws) {
        return progress(ws, git.head(ws.branch()).orElse(null));
    }

    private RequirementProgress progress(Workstream ws, String head) {
        if (TaskRequirements.of(ws.task()).isEmpty()) {
            return new RequirementProgress(List.of());
        }
        boolean changed = head != null && ws.baseSha() != null && !head.equals(ws.baseSha());
        ChangeSummary change = changed ? change(ws.baseSha(), head) : new ChangeSummary(List.of(), List.of());
        return RequirementProgress.of(ws.task(), change, wordRarity());
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
        Path dir = home.resolve("workers").resolve(name);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (var files = Files.list(dir)) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().startsWith("attempt-"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
            return newest.isEmpty() ? "" : VerifyCommand.tail(newest.get(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Workstream require(String name) {
        return store.find(name).orElseThrow(() -> new WorkerException("no workstream named '" + name + "'"
                + " (see 'czar workers')"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return; // a stop signal and the app's own close may both get here
        }
        closed = true;
        supervisor.close();
        repo.close();
    }
}
