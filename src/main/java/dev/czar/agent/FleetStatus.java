package dev.czar.agent;

import dev.czar.chat.EvidenceLog;

import java.util.Optional;

/**
 * Answers STATUS questions about supervised workers ("what is everyone doing?", "is X stuck?") when the workers
 * feature is wired in; an empty answer leaves the question to the git answers.
 */
@FunctionalInterface
public interface FleetStatus {
    FleetStatus NONE = (question, log) -> Optional.empty();

    Optional<String> answer(String question, EvidenceLog log);
}
