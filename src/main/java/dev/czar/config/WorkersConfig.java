package dev.czar.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker supervision. Off until {@code workers.command} names the agent to run: launches are still recorded,
 * and czar says that no command is configured.
 *
 * @param command        the worker command line (a list), e.g. a coding-agent CLI in non-interactive mode
 * @param maxParallel    how many workers run at once
 * @param pollInterval   how often the supervisor looks at its workers
 * @param stuckAfter     no output, no file change and no commit for this long means STUCK
 * @param maxRetries     how often a crashed or stuck worker is restarted before it is FAILED
 * @param retryBackoff   wait before the first retry; doubles with each further retry
 * @param verifyCommand  shell command the Definition of Done gate runs in the working copy; empty skips it
 * @param verifyTimeout  how long the verify command may run
 * @param promptPattern  regex on a worker's last output line meaning "it asked a question"
 * @param inputAfter     silence after a prompt before the worker counts as NEEDS_INPUT
 * @param maxFixRounds   how often a refused "done" goes back to the worker with the failures
 * @param retention      how long working copies of finished workstreams are kept (branches and logs stay)
 * @param workingCopies  {@code auto} (git worktree when git is installed, else a JGit clone), {@code git-worktree},
 *                       {@code jgit-clone}
 * @param unsafe         switches that let czar change the repository on its own
 * @param donePattern    regex on a whole output line meaning "the worker claims it is done" (VERIFYING, like exit 0);
 *                       {@code none} switches claims off
 * @param agent          the agent preset workers run unless a launch names another: {@code command} (any program,
 *                       task on stdin), {@code claude-code}, ...
 * @param agents         per-preset overrides: executable, args, env
 * @param pullRequests   {@code auto} (on when {@code ci.github.repo} and a token are configured), {@code on}, {@code off}:
 *                       push each branch and open/update its pull request (issue 19)
 * @param mergeMethod    how {@code czar merge} merges a pull request: {@code squash}, {@code merge} or {@code rebase}
 * @param backend        where workers run: {@code local} (processes on this host) or {@code kubernetes} (Jobs, issue 23)
 * @param kubernetes     the Kubernetes backend's settings
 * @param autoRedirect   issue 24: a worker whose task fit turns drifting is sent a course correction (once per drift)
 */
public record WorkersConfig(List<String> command, Integer maxParallel, String pollInterval, String stuckAfter,
                            Integer maxRetries, String retryBackoff, String verifyCommand, String verifyTimeout,
                            String promptPattern, String inputAfter, Integer maxFixRounds, String retention,
                            String workingCopies, Unsafe unsafe, String donePattern, String agent,
                            java.util.Map<String, AgentSettings> agents, String pullRequests, String mergeMethod,
                            String backend, KubernetesConfig kubernetes, Boolean autoRedirect) {
    public static final String DEFAULT_PROMPT =
            "(?i)(\\[y/n\\]|\\(y/n\\)|\\[yes/no\\]|\\(yes/no\\)|press enter|do you want to .*\\?|allow .*\\?|proceed\\?)\\s*$";
    /** A line that is just {@code CZAR_DONE}, or {@code CZAR_DONE: summary}: unlikely to be printed by accident. */
    public static final String DEFAULT_DONE = "^\\s*CZAR_DONE(\\s*:.*)?\\s*$";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    public WorkersConfig {
        command = command != null ? List.copyOf(command) : List.of();
        maxParallel = maxParallel != null ? maxParallel : 2;
        pollInterval = text(pollInterval, "2s");
        stuckAfter = text(stuckAfter, "10m");
        maxRetries = maxRetries != null ? maxRetries : 2;
        retryBackoff = text(retryBackoff, "30s");
        verifyCommand = verifyCommand != null ? verifyCommand.strip() : "";
        verifyTimeout = text(verifyTimeout, "15m");
        promptPattern = promptPattern != null && !promptPattern.isBlank() ? promptPattern : DEFAULT_PROMPT;
        inputAfter = text(inputAfter, "5s");
        maxFixRounds = maxFixRounds != null ? maxFixRounds : 2;
        retention = text(retention, "7d");
        workingCopies = text(workingCopies, "auto").toLowerCase(Locale.ROOT);
        unsafe = unsafe != null ? unsafe : new Unsafe(null);
        donePattern = donePattern != null && !donePattern.isBlank() ? donePattern : DEFAULT_DONE;
        agent = text(agent, "command");
        agents = agents != null ? java.util.Map.copyOf(agents) : java.util.Map.of();
        pullRequests = text(pullRequests, "auto").toLowerCase(Locale.ROOT);
        mergeMethod = text(mergeMethod, "squash").toLowerCase(Locale.ROOT);
        backend = text(backend, "local").toLowerCase(Locale.ROOT);
        kubernetes = kubernetes != null ? kubernetes : KubernetesConfig.DEFAULTS;
        autoRedirect = autoRedirect != null && autoRedirect;
    }

    /** As written before course corrections (issue 24): {@code auto-redirect} off. */
    public WorkersConfig(List<String> command, Integer maxParallel, String pollInterval, String stuckAfter,
                         Integer maxRetries, String retryBackoff, String verifyCommand, String verifyTimeout,
                         String promptPattern, String inputAfter, Integer maxFixRounds, String retention,
                         String workingCopies, Unsafe unsafe, String donePattern, String agent,
                         java.util.Map<String, AgentSettings> agents, String pullRequests, String mergeMethod,
                         String backend, KubernetesConfig kubernetes) {
        this(command, maxParallel, pollInterval, stuckAfter, maxRetries, retryBackoff, verifyCommand, verifyTimeout,
                promptPattern, inputAfter, maxFixRounds, retention, workingCopies, unsafe, donePattern, agent, agents,
                pullRequests, mergeMethod, backend, kubernetes, null);
    }

    /** As written before the Kubernetes backend (issue 23): local processes. */
    public WorkersConfig(List<String> command, Integer maxParallel, String pollInterval, String stuckAfter,
                         Integer maxRetries, String retryBackoff, String verifyCommand, String verifyTimeout,
                         String promptPattern, String inputAfter, Integer maxFixRounds, String retention,
                         String workingCopies, Unsafe unsafe, String donePattern, String agent,
                         java.util.Map<String, AgentSettings> agents, String pullRequests, String mergeMethod) {
        this(command, maxParallel, pollInterval, stuckAfter, maxRetries, retryBackoff, verifyCommand, verifyTimeout,
                promptPattern, inputAfter, maxFixRounds, retention, workingCopies, unsafe, donePattern, agent, agents,
                pullRequests, mergeMethod, null, null, null);
    }

    /** As written before pull requests (issue 19): {@code auto} and {@code squash}. */
    public WorkersConfig(List<String> command, Integer maxParallel, String pollInterval, String stuckAfter,
                         Integer maxRetries, String retryBackoff, String verifyCommand, String verifyTimeout,
                         String promptPattern, String inputAfter, Integer maxFixRounds, String retention,
                         String workingCopies, Unsafe unsafe, String donePattern, String agent,
                         java.util.Map<String, AgentSettings> agents) {
        this(command, maxParallel, pollInterval, stuckAfter, maxRetries, retryBackoff, verifyCommand, verifyTimeout,
                promptPattern, inputAfter, maxFixRounds, retention, workingCopies, unsafe, donePattern, agent, agents,
                null, null, null, null);
    }

    /** Whether branches go to GitHub as pull requests, given whether GitHub ({@code ci.github.repo} and a token) is set. */
    public boolean pullRequestsOn(boolean githubConfigured) {
        return pullRequests.equals("on") || (pullRequests.equals("auto") && githubConfigured);
    }

    /** Without agent presets: every worker is {@code workers.command}. */
    public WorkersConfig(List<String> command, Integer maxParallel, String pollInterval, String stuckAfter,
                         Integer maxRetries, String retryBackoff, String verifyCommand, String verifyTimeout,
                         String promptPattern, String inputAfter, Integer maxFixRounds, String retention,
                         String workingCopies, Unsafe unsafe, String donePattern) {
        this(command, maxParallel, pollInterval, stuckAfter, maxRetries, retryBackoff, verifyCommand, verifyTimeout,
                promptPattern, inputAfter, maxFixRounds, retention, workingCopies, unsafe, donePattern, null, null);
    }

    /** The overrides of one preset, none when not configured. */
    public AgentSettings agentSettings(String name) {
        return agents.getOrDefault(name, AgentSettings.NONE);
    }

    /** Without the done pattern, as written before it existed. */
    public WorkersConfig(List<String> command, Integer maxParallel, String pollInterval, String stuckAfter,
                         Integer maxRetries, String retryBackoff, String verifyCommand, String verifyTimeout,
                         String promptPattern, String inputAfter, Integer maxFixRounds, String retention,
                         String workingCopies, Unsafe unsafe) {
        this(command, maxParallel, pollInterval, stuckAfter, maxRetries, retryBackoff, verifyCommand, verifyTimeout,
                promptPattern, inputAfter, maxFixRounds, retention, workingCopies, unsafe, null);
    }

    /** Whether an output line can claim done ({@code workers.done-pattern} is not {@code none}). */
    public boolean doneClaims() {
        return !donePattern.strip().equalsIgnoreCase("none");
    }

    /**
     * Whether workers can start: an agent preset is chosen, or a worker command is configured; without either,
     * launches are recorded but never started.
     */
    public boolean enabled() {
        return !command.isEmpty() || !agent.equals("command");
    }

    public Duration pollEvery() {
        return duration(pollInterval);
    }

    public Duration stuckAfterDuration() {
        return duration(stuckAfter);
    }

    public Duration retryBackoffDuration() {
        return duration(retryBackoff);
    }

    public Duration verifyTimeoutDuration() {
        return duration(verifyTimeout);
    }

    public Duration inputAfterDuration() {
        return duration(inputAfter);
    }

    public Duration retentionDuration() {
        return duration(retention);
    }

    /** Parses {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 7d}; {@code null} when malformed. */
    public static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Duration duration(String value) {
        Duration d = parseDuration(value);
        if (d == null) {
            throw new IllegalStateException("unvalidated duration: " + value);
        }
        return d;
    }

    private static String text(String value, String fallback) {
        return value != null && !value.isBlank() ? value.strip() : fallback;
    }

    /**
     * Dangerous switches, off by default.
     *
     * @param autoMerge            merge a branch into main once every other Definition of Done item passed and an
     *                             operator confirmed with {@code /czar merge NAME}
     * @param skipAgentPermissions run agent presets with every permission check off (e.g. Claude Code's
     *                             {@code --dangerously-skip-permissions}): only in a sandbox
     */
    public record Unsafe(Boolean autoMerge, Boolean skipAgentPermissions) {
        public Unsafe {
            autoMerge = autoMerge != null && autoMerge;
            skipAgentPermissions = skipAgentPermissions != null && skipAgentPermissions;
        }

        public Unsafe(Boolean autoMerge) {
            this(autoMerge, null);
        }
    }
}
