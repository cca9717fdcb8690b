package dev.czar.digest;

import dev.czar.chat.Evidence;
import dev.czar.workers.AgentSessions;
import dev.czar.workers.Workers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest's "Worker agents" section: tokens and cost the coding agents reported for the runs that ended in the
 * digest's window, summed per workstream, per launching user and per UTC day (the same sums as
 * {@code ask "how much did the workers cost?"}, limited to the window). Cost only where an agent reports one.
 */
final class AgentUsageSection {
    static final String TITLE = "Worker agents";
    private static final List<String> GROUPINGS = List.of("workstream", "user", "day");

    private AgentUsageSection() {
    }

    static DigestSection since(Workers workers, Instant since) {
        List<DigestLine> lines = new ArrayList<>();
        for (String grouping : GROUPINGS) {
            for (AgentSessions.UsageSum sum : workers.agentUsage(grouping, since)) {
                lines.add(DigestLine.of("per " + grouping + " " + sum.key() + ": " + line(sum),
                        new Evidence("worker", "agent_runs " + grouping + "=" + sum.key(),
                                sum.runs() + " run(s) ended since " + DigestComposer.when(since), null)));
            }
        }
        return lines.isEmpty() ? DigestSection.quiet(TITLE, "no agent run ended")
                : new DigestSection(TITLE, lines, "", true);
    }

    private static String line(AgentSessions.UsageSum sum) {
        return sum.runs() + " run(s), tokens " + sum.inputTokens() + " in / " + sum.outputTokens() + " out"
                + (sum.costUsd() == null ? "" : ", $" + sum.costUsd().stripTrailingZeros().toPlainString());
    }
}
