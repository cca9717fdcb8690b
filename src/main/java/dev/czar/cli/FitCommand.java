package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.agent.ChatModels;
import dev.czar.agent.Redactor;
import dev.czar.chat.Json;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.understanding.MiniLmEmbedder;
import dev.czar.workers.ChangeSummary;
import dev.czar.workers.ModelTaskFit;
import dev.czar.workers.TaskFit;
import dev.czar.workers.UnifiedDiff;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code czar fit (BRANCH | --diff FILE) --task TEXT|--task-file F [--against TEXT...] [--json]} (issue 24): does a
 * change do this task, or one of the alternatives? A thin adapter over {@link TaskFit}, the service the supervisor's
 * drift alerts and the gate's {@code task-fit} item use.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Does a branch or a diff do this task? Verdict (on task, drifting, unclear), scores, evidence.")
final class FitCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Parameters(arity = "0..1", paramLabel = "BRANCH", description = "Branch whose commits since it left main are judged.")
    String branch;

    @Option(names = "--diff", paramLabel = "FILE", description = "A unified diff ('git diff' or 'git format-patch' output) instead of a branch.")
    Path diff;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Task task;

    static final class Task {
        @Option(names = "--task", paramLabel = "TEXT", required = true, description = "The task the change should do.")
        String text;

        @Option(names = "--task-file", paramLabel = "FILE", required = true, description = "Read the task from a file.")
        Path file;
    }

    @Option(names = "--against", paramLabel = "TEXT", description = "Another task the change might be doing instead (repeatable).")
    List<String> against = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--offline", description = "Do not ask the configured model; embeddings and words only.")
    boolean offline;

    /** What {@code --json} prints; {@code best} is "task" or "against:N" (1-based). */
    record Verdict(String verdict, String best, Scores scores, List<String> evidence) {
    }

    record Scores(double task, List<Double> against) {
    }

    @Override
    public Integer call() {
        if ((branch == null) == (diff == null)) {
            throw new UserError("give either a BRANCH or --diff FILE (see 'czar fit --help')");
        }
        String taskText = taskText();
        try (CzarApp app = parent.start(global)) {
            if (!app.config().understanding().embeddingsOn()) {
                throw new UserError("czar fit compares meanings with the embedding model, which is off "
                        + "(understanding.embeddings: off); turn it on to use it");
            }
            ChangeSummary change = diff != null ? readDiff() : branchChange(app);
            Map<String, String> alternatives = new LinkedHashMap<>();
            for (int i = 0; i < against.size(); i++) {
                alternatives.put("against:" + (i + 1), against.get(i));
            }
            TaskFit.Result result = new TaskFit(MiniLmEmbedder.shared(), app.config().understanding().fitMargin(),
                    app.workers().wordRarity())
                    .judge(change, taskText, alternatives);
            Verdict verdict = verdict(result);
            if (app.config().llm().enabled() && !offline) {
                verdict = withModel(verdict, result, new ModelTaskFit(ChatModels.create(app.config().llm()),
                        Redactor.INSTANCE::redact).read(taskText, change));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Json.write(verdict) : text(verdict, result));
            out.flush();
            return 0;
        }
    }

    private Verdict verdict(TaskFit.Result r) {
        boolean otherBest = r.best() != null && r.bestScore() > r.own();
        List<String> evidence = new ArrayList<>();
        evidence.add(r.evidence());
        evidence.addAll(r.details());
        return new Verdict(r.verdict().label(), otherBest ? r.best() : "task",
                new Scores(round(r.own()), r.others().values().stream().map(FitCommand::round).toList()), evidence);
    }

    /** The model's reading joins the offline one: the verdict combines, its requirements join the evidence. */
    private static Verdict withModel(Verdict offline, TaskFit.Result r, ModelTaskFit.Reading reading) {
        List<String> evidence = new ArrayList<>(offline.evidence());
        evidence.addAll(ModelTaskFit.evidence(reading));
        return new Verdict(ModelTaskFit.combine(r.verdict(), reading).label(), offline.best(), offline.scores(), evidence);
    }

    private static String text(Verdict v, TaskFit.Result r) {
        StringBuilder out = new StringBuilder(v.verdict()).append(": ").append(v.evidence().get(0)).append('\n');
        out.append(String.format(java.util.Locale.ROOT, "  task       %.3f%n", r.own()));
        r.others().forEach((name, score) -> out.append(String.format(java.util.Locale.ROOT, "  %-10s %.3f%n", name, score)));
        v.evidence().stream().skip(1).forEach(d -> out.append("  - ").append(d).append('\n'));
        return out.toString().stripTrailing();
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    private String taskText() {
        String text = task.text;
        if (task.file != null) {
            try {
                text = Files.readString(task.file);
            } catch (IOException e) {
                throw new UserError("cannot read the task file " + task.file + ": " + e.getMessage());
            }
        }
        if (text.isBlank()) {
            throw new UserError("the task is empty: give the text the change should do");
        }
        return text;
    }

    private ChangeSummary readDiff() {
        try {
            return UnifiedDiff.parse(Files.readAllBytes(diff));
        } catch (IOException e) {
            throw new UserError("cannot read the diff " + diff + ": " + e.getMessage());
        }
    }

    private ChangeSummary branchChange(CzarApp app) {
        BranchInfo tip = app.git().find(branch)
                .orElseThrow(() -> new UserError("no branch named '" + branch + "' in " + app.git().root()));
        String main = app.git().mainBranch().orElseThrow(() -> new UserError(app.git().missingMainExplanation()));
        String base = app.git().mergeBase(main, tip.head().sha())
                .orElseThrow(() -> new UserError(branch + " shares no history with " + main));
        if (base.equals(tip.head().sha())) {
            throw new UserError(branch + " has no commits of its own since " + main + ": nothing to judge");
        }
        return app.workers().change(base, tip.head().sha());
    }
}
