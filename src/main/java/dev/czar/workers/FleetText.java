package dev.czar.workers;

import java.time.Duration;
import java.time.Instant;

/** One-line renderings of workstreams shared by commands, the CLI and status answers. */
final class FleetText {
    private FleetText() {
    }

    static String queueLine(Workstream ws) {
        String line = ws.name() + "  " + ws.state().name() + "  priority " + ws.priority();
        if (ws.state() == WorkstreamState.PAUSED) {
            line += "  held until resumed (was " + ws.pausedFrom() + ")";
        } else if (ws.state() == WorkstreamState.BLOCKED) {
            line += "  waiting for " + ws.dependsOn();
        } else if (ws.notBefore() != null) {
            line += "  not before " + ws.notBefore();
        }
        return line + "  — " + ws.summary();
    }

    static String stateLine(Workstream ws, String head) {
        StringBuilder line = new StringBuilder(ws.name() + ": " + ws.state().name());
        if (ws.state() == WorkstreamState.PAUSED) {
            line.append(" (was ").append(ws.pausedFrom()).append(')');
        }
        line.append(" on ").append(ws.branch());
        line.append(head == null ? " (no commits yet)" : " at " + DoneGate.shortSha(head));
        if (ws.attempts() > 0) {
            line.append(", attempt ").append(ws.attempts());
        }
        if (ws.exitCode() != null) {
            line.append(", last exit code ").append(ws.exitCode());
        }
        return line.append(" — ").append(ws.summary()).toString();
    }

    static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        return s < 120 ? s + "s ago" : s < 7200 ? s / 60 + "m ago" : s / 3600 + "h ago";
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        // multi-line reasons introduce their details with a colon; the one-line form drops it
        String first = text.strip().lines().findFirst().orElse("").replaceFirst(":$", "");
        return first.length() <= 160 ? first : first.substring(0, 157) + "...";
    }
}
