package dev.czar.agent;

import dev.czar.chat.EvidenceLog;

/**
 * A feature's read-only tools for the model. {@link #bind} returns an object whose LangChain4j {@code @Tool}
 * methods call the feature's service through the given answer's {@link EvidenceLog}, so every tool the model
 * uses is recorded and every fact it reads can be cited. Tools must never change anything: commands are not
 * the model's to issue.
 */
@FunctionalInterface
public interface EvidenceTools {
    Object bind(EvidenceLog log);
}
