package dev.czar.digest;

import dev.czar.chat.Evidence;
import dev.czar.workers.AlertGroups;
import dev.czar.workers.FleetHistory;
import dev.czar.workers.GateItem;
import dev.czar.workers.WorkerAlert;
import dev.czar.workers.Workers;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamEvent;
import dev.czar.workers.WorkstreamState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The digest's sections about the fleet itself: which workstreams changed state, the predicted conflicts and
 * duplicates, and what waits for a person (a stuck or failed worker, a question, a gate item only a human can do).
 */
final class FleetSections {
    private static final Set<WorkstreamState> NEEDS_HUMAN =
            Set.of(WorkstreamState.STUCK, WorkstreamState.FAILED, WorkstreamState.NEEDS_INPUT, WorkstreamState.LOST);

    private final Workers workers;
    private final FleetHistory history;

    FleetSections(Workers workers) {
        this.workers = workers;
        this.history = workers.history();
    }

    /** The state changes among {@code events}, one line per workstream (first state -> latest state). */
    DigestSection workstreams(List<Workstream> all, List<WorkstreamEvent> events) {
        Map<String, List<WorkstreamEvent>> byName = new LinkedHashMap<>();
        events.stream().filter(e -> e.to() != null).forEach(e -> byName.computeIfAbsent(e.workstream(), k -> new ArrayList<>()).add(e));
        List<DigestLine> lines = new ArrayList<>();
        for (var entry : byName.entrySet()) {
            List<WorkstreamEvent> moves = entry.getValue();
            WorkstreamEvent first = moves.get(0);
            WorkstreamEvent last = moves.get(moves.size() - 1);
            String path = (first.from() == null ? "new" : first.from().name()) + " -> " + last.to().name();
            String why = firstLine(last.reason());
            Evidence cited = new Evidence("worker", entry.getKey() + "#" + first.id() + (moves.size() > 1 ? ".." + last.id() : ""),
                    moves.size() + " state change(s), latest by " + last.actor(), null);
            lines.add(DigestLine.of(entry.getKey() + ": " + path + (why.isEmpty() ? "" : " (" + why + ")"), cited));
        }
        String counts = DigestComposer.countByState(all);
        if (lines.isEmpty()) {
            return DigestSection.quiet("Workstreams", all.isEmpty() ? "none yet" : "no state changes (" + counts + ")");
        }
        return new DigestSection("Workstreams (" + counts + ")", lines, "", true);
    }

    DigestSection conflicts() {
        List<WorkerAlert> alerts = workers.alerts();
        List<DigestLine> lines = new ArrayList<>();
        for (AlertGroups.Group g : AlertGroups.of(alerts)) { // issue 24: one line per duplicate cluster
            WorkerAlert a = g.alerts().get(0);
            lines.add(DigestLine.of(g.line(), new Evidence("worker", String.join("<->", g.members()),
                    a.kind() + " check at " + a.at(), null)));
        }
        return lines.isEmpty() ? DigestSection.quiet("Conflicts and duplicates", "none predicted")
                : new DigestSection("Conflicts and duplicates", lines, "", true);
    }

    DigestSection needsHuman(List<Workstream> all) {
        List<DigestLine> lines = new ArrayList<>();
        for (Workstream ws : all) {
            if (NEEDS_HUMAN.contains(ws.state())) {
                String head = workers.headOf(ws.branch()).orElse(null);
                lines.add(DigestLine.of(ws.name() + " is " + ws.state().name() + ": " + firstLine(ws.reason()) + action(ws),
                        new Evidence("worker", ws.name() + (head == null ? "" : "@" + head),
                                ws.state().name() + " on " + ws.branch() + " since " + ws.updatedAt(), null)));
            }
        }
        for (Workstream ws : all.stream().filter(w -> w.state() == WorkstreamState.VERIFYING).toList()) {
            // the gate passed everything a machine can check; what is left (a merge, a review) is a person's to do
            history.latestGate(ws.name()).stream().filter(g -> g.status() == GateItem.Status.WAIT)
                    .forEach(g -> lines.add(DigestLine.of(ws.name() + " is waiting for a human: " + g.item() + ": "
                            + firstLine(g.evidence()), new Evidence("worker", ws.name() + "/gate/" + g.item(),
                            "Definition of Done item " + g.item() + " WAIT", null))));
        }
        // still listed in every digest, but only what changed counts as news; the workstream section reports the change
        return lines.isEmpty() ? DigestSection.quiet("Needs a human", "nothing")
                : new DigestSection("Needs a human", lines, "", false);
    }

    private static String action(Workstream ws) {
        return switch (ws.state()) {
            case NEEDS_INPUT -> " -> /czar reply " + ws.name() + " <answer>";
            case STUCK -> " -> look at it, or /czar kill " + ws.name();
            case FAILED, LOST -> " -> /czar retry " + ws.name();
            default -> "";
        };
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String first = text.strip().lines().findFirst().orElse("").replaceFirst(":$", "");
        return first.length() <= 140 ? first : first.substring(0, 137) + "...";
    }
}
