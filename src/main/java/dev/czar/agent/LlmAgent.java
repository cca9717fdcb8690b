package dev.czar.agent;

import dev.czar.config.LlmConfig;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.intent.IntentRefiner;
import dev.czar.store.Database;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The language-model side of czar, built from {@code llm.*}: an answerer for CONVERSATION and STATUS and the
 * refiner for the router's second tier, sharing one provider (and so one circuit breaker).
 */
public record LlmAgent(Answerer answerer, IntentRefiner refiner) {
    public static LlmAgent create(LlmConfig config, AgentTools tools, Answerer offline, Database db, TokenLedger ledger,
                                  Clock clock, ZoneId zone, GitEvidence git) {
        ResilientChatModel model = new ResilientChatModel(ChatModels.create(config), config);
        PendingCalls pending = new PendingCalls();
        ThreadMemory memory = new ThreadMemory(new ThreadMemoryStore(db, clock), config.memoryTokens());
        LlmAnswerer answerer = new LlmAnswerer(model, pending, tools, offline, memory, ledger, config, clock, zone, git);
        return new LlmAgent(answerer, new LlmIntentRefiner(model, pending));
    }
}
