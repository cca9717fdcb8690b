package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies one verified GitHub webhook event to what czar stores: a pull request's state, head, author and review
 * ({@code pull_request}, {@code pull_request_review}), the checks reported for a head ({@code check_run},
 * {@code check_suite}, {@code status}) and a branch's new head ({@code push}). Payload fields as GitHub's "Webhook
 * events and payloads" documents them. Answers which workstreams the event concerns, so their gate looks again now.
 */
public final class WebhookEvents {
    /** The events czar subscribes to; anything else is acknowledged and ignored. */
    public static final Set<String> HANDLED = Set.of("pull_request", "pull_request_review", "check_run", "check_suite",
            "status", "push", "ping");

    private final String repo;
    private final PullRequestStore pulls;
    private final ReportedChecks checks;
    private final Function<String, Optional<String>> workstreamOfBranch;
    private final Clock clock;

    /** What an event changed: a line for the log and the workstreams to wake. */
    public record Applied(String summary, Set<String> workstreams) {
    }

    public WebhookEvents(String repo, PullRequestStore pulls, ReportedChecks checks,
                         Function<String, Optional<String>> workstreamOfBranch, Clock clock) {
        this.repo = repo;
        this.pulls = pulls;
        this.checks = checks;
        this.workstreamOfBranch = workstreamOfBranch;
        this.clock = clock;
    }

    /** Applies {@code payload} of event {@code event} (one of {@link #HANDLED}). */
    public Applied apply(String event, JsonNode payload) {
        String from = payload.path("repository").path("full_name").asText("");
        if (event.equals("ping")) {
            return new Applied("ping from " + from + " (hook " + payload.path("hook_id").asText() + ")", Set.of());
        }
        if (!from.equalsIgnoreCase(repo)) {
            return new Applied(event + " from " + (from.isEmpty() ? "no repository" : from) + " ignored: czar watches " + repo, Set.of());
        }
        Instant now = clock.instant();
        return switch (event) {
            case "pull_request" -> pullRequest(payload.path("pull_request"), now);
            case "pull_request_review" -> review(payload, now);
            case "check_run" -> check(payload.path("check_run"), "check_run", payload.path("check_run").path("name").asText(),
                    payload.path("check_run").path("check_suite").path("head_branch").asText(null), now);
            case "check_suite" -> check(payload.path("check_suite"), "check_suite",
                    payload.path("check_suite").path("app").path("slug").asText("check suite"),
                    payload.path("check_suite").path("head_branch").asText(null), now);
            case "status" -> status(payload, now);
            case "push" -> push(payload, now);
            default -> new Applied(event + " ignored", Set.of());
        };
    }

    private Applied pullRequest(JsonNode pr, Instant now) {
        int number = pr.path("number").asInt();
        boolean merged = pr.path("merged").asBoolean(false);
        String state = merged ? "merged" : pr.path("state").asText().equals("closed") ? "closed"
                : pr.path("draft").asBoolean(false) ? "draft" : "open";
        String head = pr.path("head").path("sha").asText(null);
        boolean known = pulls.byNumber(number).isPresent();
        Optional<String> adopter = known ? Optional.empty() : workstreamOfBranch.apply(pr.path("head").path("ref").asText(""));
        // a pull request someone opened from a workstream's branch (or one czar opened before its store was reset)
        adopter.ifPresent(ws -> pulls.save(new PullRequestStore.PullRequest(ws, repo, number, pr.path("html_url").asText(""),
                pr.path("node_id").asText(null), state, head, now)));
        known = pulls.applyPull(repo, number, state, head, pr.path("user").path("login").asText(null),
                time(pr.path("created_at")), time(pr.path("merged_at")), merged ? pr.path("merge_commit_sha").asText(null) : null, now);
        return new Applied("pull request #" + number + " " + state + (known ? "" : " (not one of czar's)")
                + adopter.map(ws -> " (adopted for workstream " + ws + ")").orElse(""), workstreamOf(number));
    }

    private Applied review(JsonNode payload, Instant now) {
        int number = payload.path("pull_request").path("number").asInt();
        String verdict = payload.path("review").path("state").asText("").toLowerCase(Locale.ROOT);
        if (payload.path("action").asText().equals("dismissed")) {
            verdict = "dismissed";
        }
        boolean known = pulls.applyReview(repo, number, verdict, now);
        return new Applied("review of pull request #" + number + ": " + verdict + (known ? "" : " (not one of czar's)"),
                workstreamOf(number));
    }

    private Applied check(JsonNode node, String kind, String name, String branch, Instant now) {
        String sha = node.path("head_sha").asText();
        checks.record(new ReportedChecks.Check(repo, sha, kind, name, node.path("id").asText(), node.path("status").asText(),
                node.path("conclusion").isNull() ? null : node.path("conclusion").asText(null), node.path("html_url").asText(null), now));
        Set<String> affected = new LinkedHashSet<>();
        node.path("pull_requests").forEach(p -> affected.addAll(workstreamOf(p.path("number").asInt())));
        affected.addAll(atHead(sha));
        if (branch != null) {
            workstreamOfBranch.apply(branch).ifPresent(affected::add);
        }
        return new Applied(kind.replace('_', ' ') + " " + node.path("id").asText() + " '" + name + "' " + node.path("status").asText()
                + (node.path("conclusion").isTextual() ? " " + node.path("conclusion").asText() : "") + " at " + shortSha(sha), affected);
    }

    private Applied status(JsonNode payload, Instant now) {
        String sha = payload.path("sha").asText();
        String state = payload.path("state").asText();
        boolean pending = state.equals("pending");
        checks.record(new ReportedChecks.Check(repo, sha, "status", payload.path("context").asText(), payload.path("id").asText(),
                pending ? "pending" : "completed", pending ? null : state, payload.path("target_url").asText(null), now));
        Set<String> affected = new LinkedHashSet<>(atHead(sha));
        payload.path("branches").forEach(b -> workstreamOfBranch.apply(b.path("name").asText()).ifPresent(affected::add));
        return new Applied("status '" + payload.path("context").asText() + "' " + state + " at " + shortSha(sha), affected);
    }

    private Applied push(JsonNode payload, Instant now) {
        String ref = payload.path("ref").asText();
        if (!ref.startsWith("refs/heads/") || payload.path("deleted").asBoolean(false)) {
            return new Applied("push to " + ref + " ignored", Set.of());
        }
        String branch = ref.substring("refs/heads/".length());
        String after = payload.path("after").asText();
        Optional<String> workstream = workstreamOfBranch.apply(branch);
        workstream.ifPresent(ws -> pulls.applyHead(ws, after, now));
        return new Applied("push to " + branch + " (now " + shortSha(after) + ")", workstream.map(Set::of).orElse(Set.of()));
    }

    private Set<String> workstreamOf(int number) {
        return pulls.byNumber(number).filter(d -> d.pr().repo().equalsIgnoreCase(repo)).map(d -> Set.of(d.pr().workstream()))
                .orElse(Set.of());
    }

    private Set<String> atHead(String sha) {
        Set<String> names = new LinkedHashSet<>();
        pulls.atHead(repo, sha).forEach(d -> names.add(d.pr().workstream()));
        return names;
    }

    private static Instant time(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
