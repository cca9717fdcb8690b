package dev.czar.evidence.ci;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Words a {@link CiStatus} for the terminal and for chat: verdict first, then each workflow, then failures. */
public final class CiText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private CiText() {
    }

    public static String render(CiStatus s, Instant now) {
        if (!s.configured()) {
            return s.problem() + ".";
        }
        StringBuilder out = new StringBuilder();
        if (!s.live()) {
            out.append("I couldn't get a live answer from GitHub: ").append(s.problem()).append(".");
            if (!s.known()) {
                return out.append(" I have no earlier CI result for ").append(s.ref()).append(" either.").toString();
            }
            out.append("\nLast known result, fetched ").append(age(Duration.between(s.fetchedAt(), now)))
                    .append(" ago (").append(TIME.format(s.fetchedAt())).append("):\n");
        }
        if (s.runs().isEmpty()) {
            return out.append("GitHub Actions has no workflow runs for ").append(s.ref()).append(" in ").append(s.repo()).append('.').toString();
        }
        long failing = s.runs().stream().filter(r -> r.completed() && !r.green()).count();
        long running = s.runs().stream().filter(r -> !r.completed()).count();
        out.append("CI on ").append(s.ref()).append(" (").append(s.repo()).append(") is ")
                .append(s.green() ? "green" : failing > 0 ? "red" : "not finished")
                .append(": ").append(s.runs().size()).append(s.runs().size() == 1 ? " workflow" : " workflows")
                .append(failing > 0 ? ", " + failing + " failing" : "").append(running > 0 ? ", " + running + " running" : "").append('.');
        for (WorkflowRun r : s.runs()) {
            out.append("\n  ").append(r.workflow()).append(" #").append(r.runNumber()).append(": ")
                    .append(r.completed() ? r.conclusion() : r.status())
                    .append(" @").append(r.headSha() == null ? "?" : r.headSha().substring(0, Math.min(7, r.headSha().length())));
            if (r.startedAt() != null) {
                out.append(", started ").append(TIME.format(r.startedAt()));
            }
            if (r.completed() && r.updatedAt() != null) {
                out.append(", finished ").append(TIME.format(r.updatedAt()));
            }
            out.append("  ").append(r.url());
            for (WorkflowRun.FailedJob job : r.failingJobs()) {
                out.append("\n    job ").append(job.name()).append(": ").append(job.conclusion());
                if (!job.failedSteps().isEmpty()) {
                    out.append(", failed step ").append(String.join(", ", job.failedSteps()));
                }
            }
        }
        return out.toString();
    }

    /** "3 min", "2 h 5 min", "4 d 1 h". */
    static String age(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes / (24 * 60) + " d " + (minutes / 60) % 24 + " h";
    }
}
