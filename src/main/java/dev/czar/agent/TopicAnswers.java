package dev.czar.agent;

import dev.czar.chat.EvidenceLog;

import java.util.Optional;

/**
 * Offline answers on one feature's topic (workers, CI, benchmarks, reviews). Each reads its evidence through the
 * answer's {@link EvidenceLog} and cites it; an empty answer leaves the question to the next topic and finally to
 * the git answers.
 */
@FunctionalInterface
public interface TopicAnswers {
    Optional<String> answer(String question, EvidenceLog log);
}
