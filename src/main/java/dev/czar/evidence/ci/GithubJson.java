package dev.czar.evidence.ci;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps GitHub REST payloads (workflow runs, jobs) to czar's records, tolerating missing fields. */
final class GithubJson {
    private GithubJson() {
    }

    static WorkflowRun run(JsonNode run) {
        return new WorkflowRun(run.path("id").asLong(), text(run, "name"), run.path("run_number").asInt(),
                text(run, "head_branch"), text(run, "head_sha"), text(run, "event"), text(run, "status"),
                text(run, "conclusion"), text(run, "html_url"), time(run, "run_started_at"), time(run, "updated_at"), List.of());
    }

    /** The jobs that did not succeed, each with the names of its failed steps. */
    static List<WorkflowRun.FailedJob> failingJobs(List<JsonNode> jobs) {
        List<WorkflowRun.FailedJob> failing = new ArrayList<>();
        for (JsonNode job : jobs) {
            String conclusion = text(job, "conclusion");
            if (conclusion == null || conclusion.equals("success") || conclusion.equals("skipped") || conclusion.equals("neutral")) {
                continue;
            }
            List<String> steps = new ArrayList<>();
            for (JsonNode step : job.path("steps")) {
                String c = text(step, "conclusion");
                if ("failure".equals(c) || "timed_out".equals(c) || "cancelled".equals(c)) {
                    steps.add(text(step, "name"));
                }
            }
            failing.add(new WorkflowRun.FailedJob(job.path("id").asLong(), text(job, "name"), conclusion,
                    text(job, "html_url"), steps));
        }
        return failing;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
