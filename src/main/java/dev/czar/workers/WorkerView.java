package dev.czar.workers;

import java.util.List;

/** One workstream with the evidence around it, for status answers and {@code czar workers --json}. */
public record WorkerView(Workstream workstream, String headSha, List<GateItem> gate, List<WorkstreamEvent> events,
                         String logTail, List<WorkerAlert> alerts) {
}
