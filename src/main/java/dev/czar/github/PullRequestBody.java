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

    private PullRequestBody() {
    }

    /** The task's first line, shortened to fit GitHub's list views. */
    public static String title(Workstream ws) {
        String first = ws.task().strip().lines().findFirst().orElse(ws.name()).strip();
        return first.length() <= TITLE_MAX ? first : first.substring(0, TITLE_MAX - 1) + "…";
    }

    public static String render(Workstream ws, DoneGate.Report report) {
        StringBuilder body = new StringBuilder();
        body.append("Opened by czar for workstream `").append(ws.name()).append("` (branch `").append(ws.branch())
                .append("`).\n\n## Task\n\n").append(ws.task().strip()).append("\n\n## Definition of Done (head ")
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

    /** Every item but the merge passed or was skipped: the draft is ready for review. */
    public static boolean readyForReview(DoneGate.Report report) {
        return report.items().stream().filter(i -> !i.item().equals("merged"))
                .allMatch(i -> i.status() == GateItem.Status.PASS || i.status() == GateItem.Status.SKIP);
    }
}
