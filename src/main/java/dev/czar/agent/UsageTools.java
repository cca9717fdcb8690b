package dev.czar.agent;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Read-only cost tool for the model: a thin adapter over {@link TokenLedger}. */
final class UsageTools {
    private final TokenLedger ledger;
    private final EvidenceLog log;
    private final Clock clock;
    private final ZoneId zone;

    UsageTools(TokenLedger ledger, EvidenceLog log, Clock clock, ZoneId zone) {
        this.ledger = ledger;
        this.log = log;
        this.clock = clock;
        this.zone = zone;
    }

    static EvidenceTools of(TokenLedger ledger, Clock clock, ZoneId zone) {
        return log -> new UsageTools(ledger, log, clock, zone);
    }

    @Tool(name = "llm_token_usage", value = "Language-model tokens czar used, from the start of the day N days ago until now (0 = today).")
    String tokenUsage(@P("0 = today, 1 = since yesterday's start, 7 = the last week") int daysBack) {
        Instant since = clock.instant().atZone(zone).truncatedTo(ChronoUnit.DAYS).minusDays(Math.max(0, daysBack)).toInstant();
        TokenLedger.Usage usage = log.call("llm.token_usage", () -> ledger.since(since));
        String figures = "answers=" + usage.answers() + " round_trips=" + usage.roundTrips() + " input_tokens="
                + usage.tokens().input() + " output_tokens=" + usage.tokens().output();
        log.cite(new Evidence("llm", "token_usage since " + since, figures, null));
        return "since " + since + ": " + figures;
    }
}
