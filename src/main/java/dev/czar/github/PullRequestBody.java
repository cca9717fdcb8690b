package dev.czar.github;

import dev.czar.agent.Redactor;
import dev.czar.workers.DoneGate;
import dev.czar.workers.GateItem;
import dev.czar.workers.Workstream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Title and body of a workstream's pull request: the task in full, the latest Definition of Done report, Closes #N. */
public final class PullRequestBody {
    private static final Pattern ISSUE = Pattern.compile("(?i)(?:\\bissue\\s*#?|(?<![\\w/])#)(\\d{1,9})\\b");
    private static final int TITLE_MAX = 72;
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,30}");
    private static final Pattern SLACK_TS = Pattern.compile("\\d{6,12}\\.\\d{1,8}");

    private PullRequestBody() {
    }

    /** The task's first line, shortened to fit GitHub's list views. */
    public static String title(Workstream ws) {
        String first = ws.task().strip().lines().findFirst().orElse(ws.name()).strip();
        return first.length() <= TITLE_MAX ? first : first.substring(0, TITLE_MAX - 1) + "…";
    }

    public static String render(Workstream ws, DoneGate.Report report) {
        return render(ws, report, "");
    }

    /** @param slackWorkspaceUrl {@code https://acme.slack.com} to link the workstream's thread; empty names it only */
    public static String render(Workstream ws, DoneGate.Report report, String slackWorkspaceUrl) {
        StringBuilder body = new StringBuilder();
        body.append("Opened by czar for workstream `").append(ws.name()).append("` (branch `").append(ws.branch())
                .append("`).\n");
        slackThread(ws, slackWorkspaceUrl).ifPresent(line -> body.append('\n').append(line).append('\n'));
        body.append("\n## Task\n\n").append(ws.task().strip()).append("\n\n## Definition of Done (head ")
                .append(report.headSha() == null ? "none" : report.headSha()).append(")\n\n");
        for (GateItem item : report.items()) {
            body.append("- ").append(item.line().replace("\n", "\n  ")).append('\n');
        }
        Matcher issue = ISSUE.matcher(ws.task());
        if (issue.find()) {
            body.append("\nCloses #").append(issue.group(1)).append('\n');
        }
        return Redactor.INSTANCE.redact(body.toString()); // the task or a gate line may quote a secret
    }

    /**
     * Where the workstream is discussed: its Slack thread as a permalink
     * ({@code https://WORKSPACE.slack.com/archives/CHANNEL/pTS}, the ts without its dot) when the workspace URL is known.
     */
    static java.util.Optional<String> slackThread(Workstream ws, String workspaceUrl) {
        String channel = ws.channel();
        String thread = ws.thread();
        if (channel == null || thread == null || !SLACK_CHANNEL.matcher(channel).matches() || !SLACK_TS.matcher(thread).matches()) {
            return java.util.Optional.empty(); // launched from the CLI, or no thread yet
        }
        if (workspaceUrl == null || workspaceUrl.isBlank()) {
            return java.util.Optional.of("Slack thread: channel " + channel + ", thread " + thread
                    + " (set slack.workspace-url for a link)");
        }
        return java.util.Optional.of("Slack thread: " + workspaceUrl.replaceAll("/+$", "") + "/archives/" + channel + "/p"
                + thread.replace(".", ""));
    }

    /** Every item but the merge passed or was skipped: the draft is ready for review. */
    public static boolean readyForReview(DoneGate.Report report) {
        return report.items().stream().filter(i -> !i.item().equals("merged"))
                .allMatch(i -> i.status() == GateItem.Status.PASS || i.status() == GateItem.Status.SKIP);
    }
}
