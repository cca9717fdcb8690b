package dev.czar.workers;

import java.time.Instant;

/** One recorded transition (or notice) of a workstream: who or what did it and why. */
public record WorkstreamEvent(long id, String workstream, Instant at, WorkstreamState from, WorkstreamState to,
                              String actor, String reason) {
}
