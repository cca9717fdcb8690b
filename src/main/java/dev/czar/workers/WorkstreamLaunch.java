package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import dev.czar.workers.agents.AgentAdapters;
import org.eclipse.jgit.lib.Repository;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Records a new workstream ({@link Workers#launch}): checks its name, task, agent and dependency, and words what
 * happened, with a warning when a live workstream's task is close to the new one (issue 24).
 */
final class WorkstreamLaunch {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final AgentSessions sessions;
    private final DuplicateDetector duplicates;
    private final double duplicateSimilarity;

    WorkstreamLaunch(WorkersConfig config, WorkstreamStore store, AgentSessions sessions, DuplicateDetector duplicates,
                     double duplicateSimilarity) {
        this.config = config;
        this.store = store;
        this.sessions = sessions;
        this.duplicates = duplicates;
        this.duplicateSimilarity = duplicateSimilarity;
    }

    /** See {@link Workers#launch(String, String, int, String, String, String, String, String)}. */
    Workers.LaunchResult launch(String name, String task, int priority, String dependsOn, String user, String channel,
                                String thread, String agent) {
        checkAgent(agent != null ? agent : config.agent());
        checkName(name);
        if (task == null || task.isBlank()) {
            throw new WorkerException("the task text is empty: give the full task with --task TEXT or --task-file FILE");
        }
        WorkstreamState initial = WorkstreamState.QUEUED;
        String reason = config.enabled() ? "launched by " + user
                : "launched by " + user + "; no workers.command is configured, so it waits until one is";
        if (dependsOn != null) {
            Workstream dep = dependency(name, dependsOn);
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
            return new Workers.LaunchResult(ws, false, name + " was already launched" + same + "; it is "
                    + ws.state().label() + " on " + ws.branch() + ". Nothing changed.");
        }
        StringBuilder msg = new StringBuilder("Launched " + name + " on " + ws.branch() + ": " + ws.state().label());
        if (initial == WorkstreamState.BLOCKED) {
            msg.append(" until ").append(dependsOn).append(" is done");
        }
        msg.append('.');
        if (!config.enabled()) {
            msg.append(" No workers.command is configured, so no worker will start; set it in config/czar.yaml.");
        }
        return new Workers.LaunchResult(ws, true, msg + possibleDuplicates(name, task));
    }

    private static void checkName(String name) {
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
    }

    private Workstream dependency(String name, String dependsOn) {
        if (dependsOn.equals(name)) {
            throw new WorkerException("a workstream cannot depend on itself");
        }
        return store.find(dependsOn).orElseThrow(() ->
                new WorkerException("no workstream named '" + dependsOn + "' to depend on (launch it first)"));
    }

    /** One line per live workstream whose task is close to {@code task}; empty when none is. */
    private String possibleDuplicates(String name, String task) {
        StringBuilder lines = new StringBuilder();
        for (Workstream other : store.all()) {
            if (other.name().equals(name) || other.state().finished() || TaskTargets.differ(task, other.task())) {
                continue;
            }
            double similar = duplicates.taskSimilarity(task, other.task());
            if (similar >= duplicateSimilarity) {
                lines.append(String.format(Locale.ROOT, "%nPossible duplicate work: %s (%s) has a %.0f%% similar task.",
                        other.name(), other.state().label(), similar * 100));
            }
        }
        return lines.toString();
    }

    private void checkAgent(String agent) {
        if (!AgentAdapters.names().contains(agent)) {
            throw new WorkerException("unknown agent '" + agent + "'; agents: " + String.join(", ", AgentAdapters.names()));
        }
        var preset = AgentAdapters.builtIn().find(agent);
        if (preset.isPresent() && AgentExecutables.find(preset.get(), config.agentSettings(agent)).isEmpty()) {
            throw new WorkerException(AgentExecutables.missing(preset.get(), config.agentSettings(agent)));
        }
    }
}
