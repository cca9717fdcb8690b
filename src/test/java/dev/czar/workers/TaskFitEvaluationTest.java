package dev.czar.workers;

import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The labelled task-fit set (fixtures/fit/tasks.psv): every branch is judged against its own task with every
 * other task live (must be on task), and against each wrong task with the right one among the others (must be
 * drifting). The figures are printed for docs/EVIDENCE.md and must stay above the issue's targets.
 */
class TaskFitEvaluationTest {
    private final TaskFit fit = new TaskFit(MiniLmEmbedder.shared(), 0.2);

    private record Row(String name, String task, ChangeSummary summary, java.util.Set<String> files, java.util.Set<String> names) {
    }

    static List<Row> rows() throws IOException {
        try (InputStream in = TaskFitEvaluationTest.class.getResourceAsStream("/fixtures/fit/tasks.psv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\\|", -1))
                    .map(p -> new Row(p[0], p[1], new ChangeSummary(Arrays.asList(p[2].split(";\\s*")), changes(p[3], p[4])),
                            java.util.Set.of(p[3].split(",")), AddedIdentifiers.of(changes(p[3], p[4]))))
                    .toList();
        }
    }

    /** The paths, and one class declaration per name spread over them (what the branch's added lines declare). */
    private static List<BranchFacts.Change> changes(String paths, String names) {
        List<BranchFacts.Change> changes = new ArrayList<>();
        List<String> declared = names.isBlank() ? List.of() : Arrays.asList(names.split(","));
        for (String path : paths.split(",")) {
            changes.add(new BranchFacts.Change(path, changes.isEmpty()
                    ? declared.stream().map(n -> "public class " + n + " {").toList() : List.of()));
        }
        return changes;
    }

    @Test
    void should_keep_right_branches_on_task_and_flag_wrong_pairings_as_drifting() throws IOException {
        List<Row> rows = rows();
        int onTask = 0;
        int rankedFirst = 0;
        int mismatches = 0;
        int drifting = 0;
        for (Row branch : rows) {
            Map<String, String> others = new LinkedHashMap<>();
            rows.stream().filter(r -> r != branch).forEach(r -> others.put(r.name(), r.task()));
            TaskFit.Result right = fit.judge(branch.summary(), branch.task(), others);
            onTask += right.verdict() == TaskFit.Verdict.ON_TASK ? 1 : 0;
            rankedFirst += right.own() > right.bestScore() ? 1 : 0;
            for (Row wrong : rows) {
                if (wrong == branch) {
                    continue;
                }
                Map<String, String> live = new LinkedHashMap<>();
                rows.stream().filter(r -> r != wrong).forEach(r -> live.put(r.name(), r.task()));
                TaskFit.Result result = fit.judge(branch.summary(), wrong.task(), live);
                mismatches++;
                drifting += result.verdict() == TaskFit.Verdict.DRIFTING && branch.name().equals(result.best()) ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "task fit: %d branches, on task %d/%d, right task first %d/%d, "
                + "wrong pairings flagged drifting (naming the right task) %d/%d%n",
                rows.size(), onTask, rows.size(), rankedFirst, rows.size(), drifting, mismatches);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(15);
        assertThat((double) onTask / rows.size()).isGreaterThan(0.95);
        assertThat((double) drifting / mismatches).isGreaterThan(0.95);
    }

    @Test
    void should_raise_no_duplicate_alert_among_sixteen_different_tasks_and_their_branches() throws IOException {
        List<DuplicateDetector.Work> committed = rows().stream()
                .map(r -> new DuplicateDetector.Work(r.name(), r.task(), r.files(), r.names())).toList();
        List<DuplicateDetector.Work> launched = rows().stream()
                .map(r -> new DuplicateDetector.Work(r.name(), r.task(), java.util.Set.of())).toList();
        DuplicateDetector detector = new DuplicateDetector(MiniLmEmbedder.shared(), 0.8, 0.4);

        List<WorkerAlert> alerts = new ArrayList<>(detector.find(committed, java.time.Instant.EPOCH));
        alerts.addAll(detector.find(launched, java.time.Instant.EPOCH));

        System.out.printf(Locale.ROOT, "duplicates: %d false alerts over %d different-task pairs (committed and at launch)%n",
                alerts.size(), 2 * committed.size() * (committed.size() - 1) / 2);
        assertThat(alerts).isEmpty();
    }
}
