package dev.czar.workers;

import java.util.List;

/**
 * One workstream with the evidence around it, for status answers and {@code czar workers --json}; {@code agent} is
 * what its agent reported (session, turns, tokens, cost), {@code null} before one ran; {@code progress} says which
 * of its task's listed requirements the branch touches (empty when the task is not a list).
 */
public record WorkerView(Workstream workstream, String headSha, List<GateItem> gate, List<WorkstreamEvent> events,
                         String logTail, List<WorkerAlert> alerts, AgentSessions.AgentSession agent,
                         RequirementProgress progress) {

    /** The question an agent waits on an answer for, or {@code null} when it is not waiting. */
    public String question() {
        Workstream ws = workstream;
        return ws.state() == WorkstreamState.NEEDS_INPUT && ws.reason() != null && ws.reason().startsWith("asks: ")
                ? ws.reason().substring("asks: ".length()) : null;
    }

    /** One line of what its agent reported: agent, session, turns, last tool call, files, tokens, cost. */
    public String agentLine() {
        return agentLine(agent);
    }

    /** The same line for any workstream's agent facts; empty when it never ran an agent. */
    public static String agentLine(AgentSessions.AgentSession agent) {
        if (agent == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(agent.agent());
        if (agent.sessionId() != null) {
            line.append(" session ").append(agent.sessionId());
        }
        line.append(", ").append(agent.turns()).append(" turn(s)");
        if (agent.lastTool() != null) {
            line.append(", last: ").append(FleetText.firstLine(agent.lastTool()));
        }
        if (agent.filesChanged() > 0) {
            line.append(", ").append(agent.filesChanged()).append(" file(s) changed");
        }
        line.append(", tokens ").append(agent.inputTokens()).append(" in / ").append(agent.outputTokens()).append(" out");
        if (agent.costUsd() != null) {
            line.append(", $").append(agent.costUsd().stripTrailingZeros().toPlainString());
        }
        return line.toString();
    }
}
