package dev.czar.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Task fit with a language model (issue 24): the model lists the task's requirements and, for each, whether the
 * change addresses it, citing "path:line" of the numbered added lines it was shown. Every citation goes through
 * {@link DiffCitations}: a requirement counts as addressed only with a citation the diff backs, and hallucinated
 * paths or lines are listed as flagged. {@link #combine} joins this with the offline verdict.
 */
public final class ModelTaskFit {
    /** Characters of diff shown to the model: the head of each file's added lines, numbered. */
    static final int DIFF_BUDGET = 12_000;
    private static final String SYSTEM = """
            You check whether a code change does the task it was given. List the task's requirements (at most 8, in \
            the task's own words). For each, say whether the change addresses it and cite the evidence as path:line \
            from the numbered added lines shown (only lines shown; none when it is not addressed). Reply with JSON \
            only: {"requirements": [{"text": "...", "addressed": true, "evidence": ["src/a.py:12"]}]}""";

    private final Supplier<ChatModel> model;
    private final UnaryOperator<String> redact;
    private ChatModel built;

    public ModelTaskFit(ChatModel model, UnaryOperator<String> redact) {
        this(() -> model, redact);
    }

    /** The model is built on first use: the gate may never need it, and building one costs start-up time. */
    public ModelTaskFit(Supplier<ChatModel> model, UnaryOperator<String> redact) {
        this.model = model;
        this.redact = redact;
    }

    private synchronized ChatModel model() {
        if (built == null) {
            built = model.get();
        }
        return built;
    }

    /** One requirement as the model judged it, with its citations split into backed and flagged. */
    public record Requirement(String text, boolean claimedAddressed, List<String> verified, List<String> flagged) {
        /** Addressed, with at least one citation the diff backs. */
        public boolean addressed() {
            return claimedAddressed && !verified.isEmpty();
        }
    }

    /** The model's reading; {@code problem} is non-null when its reply could not be used. */
    public record Reading(List<Requirement> requirements, String problem) {
        public long addressed() {
            return requirements.stream().filter(Requirement::addressed).count();
        }

        public List<String> flagged() {
            return requirements.stream().flatMap(r -> r.flagged().stream()).toList();
        }
    }

    public Reading read(String task, ChangeSummary change) {
        String reply;
        try {
            reply = model().chat(SystemMessage.from(SYSTEM), UserMessage.from(redact.apply(prompt(task, change))))
                    .aiMessage().text();
        } catch (RuntimeException e) {
            return new Reading(List.of(), "the model could not be asked: " + e.getMessage());
        }
        return parse(reply, change);
    }

    static Reading parse(String reply, ChangeSummary change) {
        JsonNode root;
        try {
            String json = reply == null ? "" : reply.strip().replaceAll("^```(?:json)?\\s*|\\s*```$", "");
            root = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return new Reading(List.of(), "the model's reply is not the JSON asked for");
        }
        List<Requirement> requirements = new ArrayList<>();
        for (JsonNode r : root.path("requirements")) {
            List<String> citations = new ArrayList<>();
            r.path("evidence").forEach(c -> citations.add(c.asText()));
            DiffCitations.Checked checked = DiffCitations.check(citations, change);
            requirements.add(new Requirement(r.path("text").asText(""), r.path("addressed").asBoolean(false),
                    checked.verified(), checked.flagged()));
        }
        return requirements.isEmpty() ? new Reading(List.of(), "the model listed no requirements")
                : new Reading(requirements, null);
    }

    /**
     * The verdict of both: the model decides what the offline score leaves unclear; where they disagree (drifting
     * offline while the model shows half the requirements addressed, or on task offline while it shows none), a human
     * decides (unclear). A reading that could not be used leaves the offline verdict as it is.
     */
    public static TaskFit.Verdict combine(TaskFit.Verdict offline, Reading reading) {
        if (reading.problem() != null) {
            return offline;
        }
        int total = reading.requirements().size();
        long addressed = reading.addressed();
        boolean most = addressed * 2 >= total;
        return switch (offline) {
            case DRIFTING -> most ? TaskFit.Verdict.UNCLEAR : TaskFit.Verdict.DRIFTING;
            case ON_TASK -> addressed == 0 ? TaskFit.Verdict.UNCLEAR : TaskFit.Verdict.ON_TASK;
            case UNCLEAR -> addressed == 0 ? TaskFit.Verdict.DRIFTING : most ? TaskFit.Verdict.ON_TASK : TaskFit.Verdict.UNCLEAR;
        };
    }

    /** Evidence lines: each requirement with its verdict and citations, flagged citations named as such. */
    public static List<String> evidence(Reading reading) {
        if (reading.problem() != null) {
            return List.of("model: " + reading.problem());
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "model: %d of %d requirements addressed (with cited lines the diff has)",
                reading.addressed(), reading.requirements().size()));
        for (Requirement r : reading.requirements()) {
            lines.add((r.addressed() ? "addressed: " : "not addressed: ") + r.text()
                    + (r.verified().isEmpty() ? "" : " [" + String.join(", ", r.verified()) + "]"));
            r.flagged().forEach(f -> lines.add("flagged citation: " + f));
        }
        return lines;
    }

    static String prompt(String task, ChangeSummary change) {
        StringBuilder out = new StringBuilder("Task:\n").append(task.strip()).append("\n\nChange");
        if (!change.messages().isEmpty()) {
            out.append(" (commit messages: ").append(String.join(" | ", change.messages().stream()
                    .map(m -> m.lines().findFirst().orElse("")).toList())).append(")");
        }
        out.append(":\n");
        for (BranchFacts.Change c : change.changes()) {
            out.append("### ").append(c.path()).append(" (+").append(c.addedLines().size()).append(" -")
                    .append(c.removedLines().size()).append(")\n");
            for (int i = 0; i < c.addedLines().size() && out.length() < DIFF_BUDGET; i++) {
                out.append(c.addedLineNumbers().get(i)).append(": ").append(c.addedLines().get(i)).append('\n');
            }
            if (out.length() >= DIFF_BUDGET) {
                out.append("(diff cut at ").append(DIFF_BUDGET).append(" characters)\n");
                break;
            }
        }
        return out.toString();
    }
}
