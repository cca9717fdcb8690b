package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.agent.Redactor;
import dev.czar.workers.CiGate;
import dev.czar.workers.GateItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The CI item of the Definition of Done when branches go to GitHub as pull requests: the check runs (Checks API)
 * and commit statuses (combined status) of the exact head the gate checks. Red fails the item with what a worker
 * needs to fix it — each failing check's name, summary, annotations and the end of its job's log — which becomes
 * the fix round's input; anything pending waits; nothing reported is a SKIP that says so. When the base branch's
 * protection is readable only the checks it requires decide (a required one that never reported is waited for, a
 * red one nobody requires is mentioned), and the item names them; otherwise every check on the head counts.
 */
public final class PullRequestChecks implements CiGate.Check {
    private static final Set<String> RED = Set.of("failure", "timed_out", "cancelled", "action_required", "startup_failure");
    private static final Set<String> RED_STATUS = Set.of("failure", "error");
    static final int MAX_ANNOTATIONS = 10;
    static final int LOG_LINES = 30;
    static final int LOG_CHARS = 3000;

    private final GithubClient github;
    private final RequiredChecks required;
    private final Supplier<Optional<String>> base;

    /** Every check on the head counts. */
    public PullRequestChecks(GithubClient github) {
        this(github, Optional::empty);
    }

    /**
     * @param base the branch pull requests go into; when its branch protection is readable only the checks it
     *             requires count (and the item says which), otherwise every check on the head
     */
    public PullRequestChecks(GithubClient github, Supplier<Optional<String>> base) {
        this.github = github;
        this.required = new RequiredChecks(github);
        this.base = base;
    }

    @Override
    public GateItem check(String branch, String headSha) {
        String head = headSha.substring(0, Math.min(7, headSha.length()));
        List<JsonNode> runs;
        JsonNode combined;
        try {
            runs = github.getPages("/commits/" + headSha + "/check-runs?per_page=" + GithubClient.PER_PAGE, "check_runs", 500);
            combined = github.getJson("/commits/" + headSha + "/status");
        } catch (GithubFailure e) {
            return new GateItem("ci", GateItem.Status.WAIT, "cannot read the checks of " + head + " on GitHub: " + e.getMessage());
        }
        List<JsonNode> statuses = new ArrayList<>();
        combined.path("statuses").forEach(statuses::add);
        Optional<RequiredChecks.Requirement> requirement = base.get().map(required::of);
        if (requirement.isPresent() && requirement.get().readable()) {
            return onlyRequired(head, runs, statuses, requirement.get());
        }
        String note = requirement.map(r -> " (" + r.describe() + ")").orElse("");
        if (runs.isEmpty() && statuses.isEmpty()) {
            return new GateItem("ci", GateItem.Status.SKIP, "no check runs or commit statuses reported for " + head
                    + " on " + github.repo() + " (no CI configured for pull requests?)");
        }
        return decide(head, runs, statuses, note, List.of());
    }

    /** Only the checks branch protection requires decide; one that never reported is waited for. */
    private GateItem onlyRequired(String head, List<JsonNode> runs, List<JsonNode> statuses, RequiredChecks.Requirement req) {
        List<JsonNode> requiredRuns = runs.stream().filter(r -> req.names().contains(r.path("name").asText())).toList();
        List<JsonNode> requiredStatuses = statuses.stream().filter(s -> req.names().contains(s.path("context").asText())).toList();
        Set<String> reported = new java.util.HashSet<>();
        requiredRuns.forEach(r -> reported.add(r.path("name").asText()));
        requiredStatuses.forEach(s -> reported.add(s.path("context").asText()));
        List<String> missing = req.names().stream().filter(n -> !reported.contains(n)).toList();
        List<String> otherRed = runs.stream().filter(r -> !requiredRuns.contains(r) && RED.contains(r.path("conclusion").asText()))
                .map(r -> r.path("name").asText() + " (check run " + r.path("id").asLong() + ")").collect(Collectors.toCollection(ArrayList::new));
        statuses.stream().filter(s -> !requiredStatuses.contains(s) && RED_STATUS.contains(s.path("state").asText()))
                .forEach(s -> otherRed.add("status '" + s.path("context").asText() + "'"));
        return decide(head, requiredRuns, requiredStatuses, " (" + req.describe() + ")", missing,
                otherRed.isEmpty() ? "" : "; red but not required: " + String.join(", ", otherRed));
    }

    private GateItem decide(String head, List<JsonNode> runs, List<JsonNode> statuses, String note, List<String> missing) {
        return decide(head, runs, statuses, note, missing, "");
    }

    private GateItem decide(String head, List<JsonNode> runs, List<JsonNode> statuses, String note, List<String> missing,
                            String aside) {
        List<JsonNode> redRuns = runs.stream().filter(r -> RED.contains(r.path("conclusion").asText())).toList();
        List<JsonNode> redStatuses = statuses.stream().filter(s -> RED_STATUS.contains(s.path("state").asText())).toList();
        if (!redRuns.isEmpty() || !redStatuses.isEmpty()) {
            StringBuilder why = new StringBuilder("checks failed on GitHub at " + head + note + ":");
            redRuns.forEach(run -> why.append('\n').append(failedRun(run)));
            redStatuses.forEach(s -> why.append("\n- status '").append(s.path("context").asText()).append("' ")
                    .append(s.path("state").asText()).append(": ").append(s.path("description").asText(""))
                    .append(' ').append(s.path("target_url").asText("")));
            return GateItem.fail("ci", Redactor.INSTANCE.redact(why.toString().strip()));
        }
        List<String> pending = runs.stream().filter(r -> !r.path("status").asText().equals("completed"))
                .map(r -> r.path("name").asText()).collect(Collectors.toCollection(ArrayList::new));
        statuses.stream().filter(s -> s.path("state").asText().equals("pending")).forEach(s -> pending.add(s.path("context").asText()));
        if (!pending.isEmpty() || !missing.isEmpty()) {
            return new GateItem("ci", GateItem.Status.WAIT, "checks still running at " + head + ": "
                    + String.join(", ", pending) + (missing.isEmpty() ? "" : (pending.isEmpty() ? "" : "; ")
                    + "not reported yet: " + String.join(", ", missing)) + note);
        }
        return GateItem.pass("ci", "checks green at " + head + ": " + runs.stream()
                .map(r -> r.path("name").asText() + " (check run " + r.path("id").asLong() + ")").collect(Collectors.joining(", "))
                + (statuses.isEmpty() ? "" : (runs.isEmpty() ? "" : "; ") + statuses.stream()
                .map(s -> "status '" + s.path("context").asText() + "'").collect(Collectors.joining(", "))) + note + aside);
    }

    /** Name, conclusion, summary, annotations and the end of the log of one failed check run. */
    private String failedRun(JsonNode run) {
        long id = run.path("id").asLong();
        JsonNode output = run.path("output");
        StringBuilder text = new StringBuilder("- check run " + id + " '" + run.path("name").asText() + "' "
                + run.path("conclusion").asText() + " " + run.path("html_url").asText(""));
        appendIndented(text, output.path("title").asText(""));
        appendIndented(text, output.path("summary").asText(""));
        if (output.path("annotations_count").asInt(0) > 0) {
            try {
                for (JsonNode a : github.getPages("/check-runs/" + id + "/annotations?per_page=" + MAX_ANNOTATIONS, null, MAX_ANNOTATIONS)) {
                    text.append("\n  ").append(a.path("path").asText()).append(':').append(a.path("start_line").asInt())
                            .append(' ').append(a.path("annotation_level").asText()).append(": ").append(a.path("message").asText());
                }
            } catch (GithubFailure e) {
                text.append("\n  (annotations unavailable: ").append(e.getMessage()).append(')');
            }
        }
        jobLogTail(run).ifPresent(tail -> text.append("\n  log (last lines):\n").append(tail.indent(4).stripTrailing()));
        return text.toString();
    }

    /** For GitHub Actions the check run id is the job id; other apps have no log czar can read. */
    private java.util.Optional<String> jobLogTail(JsonNode run) {
        if (!run.path("app").path("slug").asText("").equals("github-actions")) {
            return java.util.Optional.empty();
        }
        try {
            GithubResponse log = github.send("GET", "/actions/jobs/" + run.path("id").asLong() + "/logs", null, "text/plain");
            if (!log.ok() || log.body() == null) {
                return java.util.Optional.empty();
            }
            List<String> lines = log.body().lines().toList();
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
            return java.util.Optional.of(tail.length() <= LOG_CHARS ? tail : tail.substring(tail.length() - LOG_CHARS));
        } catch (GithubFailure e) {
            return java.util.Optional.empty();
        }
    }

    private static void appendIndented(StringBuilder text, String value) {
        if (!value.isBlank()) {
            text.append("\n  ").append(value.strip().replace("\n", "\n  "));
        }
    }
}
