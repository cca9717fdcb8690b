package dev.czar.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads of the fleet for the front doors: the queue, one workstream in full, its requirements and its log. */
final class WorkstreamViews {
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final AgentSessions sessions;
    private final LexicalEvidence wordRarity;
    /** Where each workstream's attempt logs are ({@code HOME/workers/NAME/attempt-*}). */
    private final Path logs;

    WorkstreamViews(WorkstreamStore store, BranchFacts git, AgentSessions sessions, LexicalEvidence wordRarity, Path logs) {
        this.store = store;
        this.git = git;
        this.sessions = sessions;
        this.wordRarity = wordRarity;
        this.logs = logs;
    }

    /** See {@link Workers#queue}. */
    List<Workstream> queue() {
        List<Workstream> queued = new ArrayList<>(store.all().stream()
                .filter(w -> w.state() == WorkstreamState.QUEUED || w.state() == WorkstreamState.BLOCKED
                        || w.state() == WorkstreamState.PAUSED && !w.holdsProcess()).toList());
        queued.sort(Comparator.comparingInt((Workstream w) -> w.state().ordinal())
                .thenComparing(Comparator.comparingInt(Workstream::priority).reversed())
                .thenComparing(Workstream::createdAt));
        return queued;
    }

    /** See {@link Workers#view}. */
    WorkerView view(Workstream ws) {
        String head = git.head(ws.branch()).orElse(null);
        return new WorkerView(ws, head, store.gates().latest(ws.name()), store.log().of(ws.name(), 8), logTail(ws.name(), 5),
                store.alerts().current().stream().filter(a -> a.concerns(ws.name())).toList(), sessions.find(ws.name()).orElse(null),
                progress(ws, head));
    }

    RequirementProgress progress(Workstream ws) {
        return progress(ws, git.head(ws.branch()).orElse(null));
    }

    private RequirementProgress progress(Workstream ws, String head) {
        if (TaskRequirements.of(ws.task()).isEmpty()) {
            return new RequirementProgress(List.of());
        }
        boolean changed = head != null && ws.baseSha() != null && !head.equals(ws.baseSha());
        ChangeSummary change = changed ? change(ws.baseSha(), head) : new ChangeSummary(List.of(), List.of());
        return RequirementProgress.of(ws.task(), change, wordRarity);
    }

    ChangeSummary change(String base, String head) {
        return ChangeSummary.ofBranch(git, base, head, 20);
    }

    /** See {@link Workers#logTail}. */
    String logTail(String name, int lines) {
        Path dir = logs.resolve(name);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (var files = Files.list(dir)) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().startsWith("attempt-"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
            return newest.isEmpty() ? "" : VerifyCommand.tail(newest.get(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
