package dev.czar.workers;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looks across the fleet: files each branch touched, predicted conflicts and possible duplicates (recomputed
 * whenever a head or main moved, i.e. on every new commit), and the shared status file.
 */
final class FleetChecks {
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final StatusFile statusFile;
    private final WorkerNotices notices;
    private final ConflictMatrix conflicts;
    /** How long a finished workstream stays in the status file's "recently finished" list. */
    private static final java.time.Duration RECENTLY_FINISHED = java.time.Duration.ofDays(7);
    private final FleetViews views;
    private final DuplicateDetector duplicates;
    /** Issue 24: task fit of each moved branch; null: not judged. */
    private final TaskFitCheck fit;
    /** Issue 24, workers.auto-redirect: drifting workers are told; null when off. */
    private final CourseCorrections corrections;
    /** Files touched and names declared per base..head range; bounded, old ranges are never asked for again. */
    private final Map<String, Touched> touchedByRange = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Touched> eldest) {
            return size() > 500;
        }
    };
    private String checkedKey = "";

    /**
     * @param duplicates  how tasks are compared (issue 24: embeddings and thresholds from config)
     * @param fit         judges every moved branch's task fit; drifting ones raise a "did the wrong task?" alert
     *                    ({@code null}: not judged)
     * @param corrections sends drifting workers a course correction ({@code null}: workers.auto-redirect is off)
     */
    FleetChecks(WorkstreamStore store, BranchFacts git, StatusFile statusFile, WorkerNotices notices,
                DuplicateDetector duplicates, TaskFitCheck fit, CourseCorrections corrections) {
        this.store = store;
        this.git = git;
        this.statusFile = statusFile;
        this.notices = notices;
        this.conflicts = new ConflictMatrix(git);
        this.views = new FleetViews(store.database());
        this.duplicates = duplicates;
        this.fit = fit;
        this.corrections = corrections;
    }

    /** What a branch touched since it was created from main: its files and the names its added lines declare. */
    record Touched(List<String> files, Set<String> identifiers) {
        static final Touched NOTHING = new Touched(List.of(), Set.of());
    }

    Path statusFile() {
        return statusFile.path();
    }

    /** Recomputes alerts when any head moved; new alerts are noted on both workstreams and told to their threads. */
    void run(String main, Instant now) {
        String mainSha = git.mainHead(main).orElse(null);
        if (mainSha == null) {
            return;
        }
        List<Workstream> open = store.all().stream().filter(w -> !w.state().finished()).toList();
        List<ConflictMatrix.Head> heads = new ArrayList<>();
        List<DuplicateDetector.Work> work = new ArrayList<>();
        Map<String, String> headOf = new java.util.HashMap<>();
        for (Workstream ws : open) {
            String head = git.head(ws.branch()).orElse(null);
            if (head != null) {
                headOf.put(ws.name(), head);
            }
            boolean changed = head != null && ws.baseSha() != null && !head.equals(ws.baseSha())
                    && !git.merged(head, main);
            if (changed) {
                heads.add(new ConflictMatrix.Head(ws.name(), head));
            }
            Touched touched = touched(ws, head);
            work.add(new DuplicateDetector.Work(ws.name(), ws.task(), new HashSet<>(touched.files()), touched.identifiers()));
        }
        String key = mainSha + heads + open.stream().map(Workstream::name).toList();
        if (key.equals(checkedKey)) {
            return;
        }
        checkedKey = key;
        List<WorkerAlert> alerts = new ArrayList<>(conflicts.predict(main, mainSha, heads, now));
        for (WorkerAlert duplicate : duplicates.find(work, now)) { // issue 21: said when a worker saw it and went on
            alerts.add(new WorkerAlert(duplicate.kind(), duplicate.a(), duplicate.b(), duplicate.detail()
                    + views.continuedAnyway(duplicate.a(), duplicate.b(), headOf), duplicate.at()));
        }
        alerts.addAll(drifting(open, heads, now));
        Set<String> before = store.alerts().current().stream().map(WorkerAlert::line).collect(Collectors.toSet());
        store.alerts().replace(alerts);
        for (AlertGroups.Group group : AlertGroups.of(alerts)) { // one line per duplicate cluster, not per pair
            if (group.alerts().stream().allMatch(a -> before.contains(a.line()))) {
                continue;
            }
            for (String name : group.members()) {
                store.find(name).ifPresent(ws -> {
                    store.note(name, "fleet-check", group.line());
                    notices.tell(ws, group.line());
                });
            }
        }
    }

    private List<WorkerAlert> drifting(List<Workstream> open, List<ConflictMatrix.Head> heads, Instant now) {
        List<WorkerAlert> alerts = new ArrayList<>();
        if (fit == null) {
            return alerts;
        }
        if (corrections != null) {
            corrections.keepOnly(open.stream().map(Workstream::name).collect(Collectors.toSet()));
        }
        for (ConflictMatrix.Head head : heads) {
            Workstream ws = open.stream().filter(w -> w.name().equals(head.workstream())).findFirst().orElse(null);
            TaskFit.Result r = ws == null ? null : fit.judge(ws, ws.baseSha(), head.sha()).orElse(null);
            if (r == null) {
                continue;
            }
            if (r.verdict() == TaskFit.Verdict.DRIFTING && r.best() != null) {
                alerts.add(new WorkerAlert("drifting", head.workstream(), r.best(), r.evidence(), now));
            }
            if (corrections != null) {
                String otherTask = r.best() == null ? null : store.find(r.best()).map(Workstream::task).orElse(null);
                corrections.judged(ws, r, touched(ws, head.sha()).files(), otherTask);
            }
        }
        return alerts;
    }

    /** Rewrites the shared status file from the current rows. */
    void writeStatus(Instant now) {
        List<Workstream> all = store.all();
        List<Workstream> recent = all.stream().filter(ws -> !ws.state().finished()
                || ws.updatedAt() != null && ws.updatedAt().isAfter(now.minus(RECENTLY_FINISHED))).toList();
        List<StatusFile.Entry> entries = new ArrayList<>();
        for (Workstream ws : all) {
            String head = git.head(ws.branch()).orElse(null);
            entries.add(new StatusFile.Entry(ws.name(), ws.branch(), ws.state().name(), ws.summary(), head, files(ws, head),
                    ws.state().finished() ? List.of() : closeTasks(ws, recent)));
        }
        List<StatusFile.Finished> finished = recent.stream().filter(ws -> ws.state().finished())
                .map(ws -> new StatusFile.Finished(ws.name(), ws.state().name(), ws.summary(), ws.updatedAt())).toList();
        statusFile.write(entries, store.alerts().current(), finished, now);
    }

    /** Other live or recently finished workstreams whose tasks are close to this one's, closest first. */
    private List<String> closeTasks(Workstream ws, List<Workstream> candidates) {
        List<Map.Entry<Workstream, Double>> close = new ArrayList<>();
        for (Workstream other : candidates) {
            if (!other.name().equals(ws.name())) {
                duplicates.closeness(ws.task(), other.task()).ifPresent(s -> close.add(Map.entry(other, s)));
            }
        }
        close.sort(Map.Entry.<Workstream, Double>comparingByValue().reversed());
        return close.stream().limit(5).map(e -> String.format(java.util.Locale.ROOT, "%s (%.2f, %s)",
                e.getKey().name(), e.getValue(), e.getKey().state().name())).toList();
    }

    /** Files the branch changed since it was created from main (empty before its first commit). */
    List<String> files(Workstream ws, String head) {
        return touched(ws, head).files();
    }

    Touched touched(Workstream ws, String head) {
        if (head == null || ws.baseSha() == null || head.equals(ws.baseSha())) {
            return Touched.NOTHING;
        }
        String range = ws.baseSha() + ".." + head;
        synchronized (touchedByRange) {
            return touchedByRange.computeIfAbsent(range, r -> {
                List<BranchFacts.Change> changes = git.changes(ws.baseSha(), head);
                return new Touched(changes.stream().map(BranchFacts.Change::path).sorted().toList(),
                        AddedIdentifiers.of(changes));
            });
        }
    }
}
