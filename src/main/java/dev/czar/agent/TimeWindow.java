package dev.czar.agent;

import java.time.Instant;

/** A span of time a question refers to ("today", "this week"), with the words used to describe it. */
record TimeWindow(Instant since, String label) {
}
