package dev.czar.agent;

import dev.czar.chat.Answer;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.Message;
import dev.czar.config.LlmConfig;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.intent.Intent;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers through a language model. CONVERSATION runs with no tools attached; STATUS runs a tool-calling loop
 * over the read-only {@link AgentTools} only; commands never come here. The final text passes the
 * {@link CitationChecker} before anyone sees it, and when the model cannot answer (down, slow, rate-limited,
 * breaker open, malformed reply) the offline answerer answers instead and says so.
 */
public final class LlmAnswerer implements Answerer {
    private static final Logger LOG = LoggerFactory.getLogger(LlmAnswerer.class);

    private final ResilientChatModel model;
    private final PendingCalls pending;
    private final AgentTools tools;
    private final Answerer offline;
    private final ThreadMemory memory;
    private final TokenLedger ledger;
    private final LlmConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final GitEvidence git;
    private final CitationChecker checker = new CitationChecker();

    LlmAnswerer(ResilientChatModel model, PendingCalls pending, AgentTools tools, Answerer offline, ThreadMemory memory, TokenLedger ledger,
                LlmConfig config, Clock clock, ZoneId zone, GitEvidence git) {
        this.model = model;
        this.pending = pending;
        this.tools = tools;
        this.offline = offline;
        this.memory = memory;
        this.ledger = ledger;
        this.config = config;
        this.clock = clock;
        this.zone = zone;
        this.git = git;
    }

    @Override
    public Answer converse(Message message) {
        LlmCallMeter meter = pending.take();
        try {
            List<ChatMessage> messages = prompt("conversation-system.md", message);
            AiMessage reply = model.chat(ChatRequest.builder().messages(messages).build(), meter).aiMessage();
            CitationChecker.Checked checked = checker.check(finalText(reply), List.of(), List.of(), message.text());
            return finish(message, new Answer(Intent.CONVERSATION, checked.text(), List.of(), List.of(),
                    meter.roundTrips(), checked.unverified(), meter.total()), meter);
        } catch (LlmUnavailableException e) {
            return fallBack(message, offline.converse(message), e, meter);
        } catch (RuntimeException e) {
            return fallBack(message, offline.converse(message), internal(e), meter);
        }
    }

    @Override
    public Answer status(Message message) {
        LlmCallMeter meter = pending.take();
        EvidenceLog log = new EvidenceLog();
        AgentTools.Bound bound = tools.bind(log, config.maxToolResultChars(), message.text());
        List<String> toolResults = new ArrayList<>();
        try {
            List<ChatMessage> messages = prompt("status-system.md", message);
            AiMessage reply;
            int round = 0;
            while (true) {
                boolean toolsAllowed = round < config.maxToolRounds();
                ChatRequest.Builder request = ChatRequest.builder().messages(messages);
                if (toolsAllowed && !bound.specifications().isEmpty()) {
                    request.toolSpecifications(bound.specifications());
                }
                reply = model.chat(request.build(), meter).aiMessage();
                if (!reply.hasToolExecutionRequests() || !toolsAllowed) {
                    break;
                }
                messages.add(reply);
                for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
                    String result = bound.execute(call);
                    toolResults.add(result);
                    messages.add(ToolExecutionResultMessage.from(call, result));
                }
                round++;
            }
            CitationChecker.Checked checked = checker.check(finalText(reply), log.evidence(), toolResults, message.text());
            return finish(message, new Answer(Intent.STATUS, checked.text(), log.evidence(), log.toolCalls(),
                    meter.roundTrips(), checked.unverified(), meter.total()), meter);
        } catch (LlmUnavailableException e) {
            return fallBack(message, offline.status(message), e, meter);
        } catch (RuntimeException e) {
            return fallBack(message, offline.status(message), internal(e), meter);
        }
    }

    private List<ChatMessage> prompt(String systemPrompt, Message message) {
        String main = git.mainBranch().orElse("(none)");
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(Prompts.load(systemPrompt,
                Map.of("today", LocalDate.now(clock.withZone(zone)).toString(), "main", main))));
        messages.addAll(memory.history(message.channel(), message.thread()));
        messages.add(UserMessage.from(Redactor.INSTANCE.redact(message.text())));
        return messages;
    }

    /** A reply with neither text nor tool calls is malformed: answering offline beats posting nothing. */
    private static String finalText(AiMessage reply) {
        if (reply.text() == null || reply.text().isBlank()) {
            throw new LlmUnavailableException("the model returned no answer text", null);
        }
        return reply.text().strip();
    }

    /** A bug or store failure on our side must cost the user the model, not the answer. */
    private static LlmUnavailableException internal(RuntimeException e) {
        return new LlmUnavailableException("czar failed while using it (" + e.getClass().getSimpleName() + "; see the log)", e);
    }

    private Answer finish(Message message, Answer answer, LlmCallMeter meter) {
        memory.remember(message.channel(), message.thread(), Redactor.INSTANCE.redact(message.text()), answer.text());
        account(message, meter);
        return answer;
    }

    private Answer fallBack(Message message, Answer offlineAnswer, LlmUnavailableException e, LlmCallMeter meter) {
        LOG.warn("LLM unavailable for message from {} in {}: {}", message.user(), message.channel(), e.getMessage(), e);
        account(message, meter);
        String note = "\n(The language model is unavailable: " + e.getMessage() + ". This answer comes from the offline answerer.)";
        return new Answer(offlineAnswer.intent(), offlineAnswer.text() + note, offlineAnswer.evidence(),
                offlineAnswer.toolCalls(), meter.roundTrips(), offlineAnswer.unverified(), meter.total());
    }

    private void account(Message message, LlmCallMeter meter) {
        try {
            ledger.record(message, config.provider(), config.model(), meter.roundTrips(), meter.total(), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("could not record token usage", e); // accounting must never cost the user their answer
        }
    }
}
