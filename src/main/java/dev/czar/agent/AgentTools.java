package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registration point for the agent's STATUS tools. Git registers here at assembly; the CI, benchmark,
 * worker and review features add theirs for their {@link Topic} ({@code tools.register(CiTools.of(...), Topic.CI)}).
 */
public final class AgentTools {
    /** A feature's tools and the questions they are offered for. */
    private record Registration(EvidenceTools tools, Topic topic) {
        boolean relevantTo(String question) {
            return topic == null || topic.mentionedIn(question);
        }
    }

    private final List<Registration> features = new CopyOnWriteArrayList<>();

    /** The tools czar has today: git evidence and its own token usage. Features add theirs with {@link #register}. */
    public static AgentTools standard(dev.czar.evidence.git.GitEvidence git, TokenLedger ledger, java.time.Clock clock,
                                      java.time.ZoneId zone, int recentCommits) {
        return new AgentTools()
                .register(GitTools.of(git, clock, recentCommits))
                .register(UsageTools.of(ledger, clock, zone));
    }

    /** Adds a feature's tools, offered with every STATUS question; returns this for chaining. */
    public AgentTools register(EvidenceTools tools) {
        features.add(new Registration(tools, null));
        return this;
    }

    /**
     * Adds a feature's tools, offered only for questions that mention its topic. Tool specifications travel with
     * every request, so offering only the relevant ones keeps prompts small.
     */
    public AgentTools register(EvidenceTools tools, Topic topic) {
        features.add(new Registration(tools, topic));
        return this;
    }

    /** Binds every registered tool to one answer's evidence log. */
    Bound bind(EvidenceLog log, int maxResultChars) {
        return bind(log, maxResultChars, "");
    }

    /** Binds the tools relevant to {@code question} (plus every always-offered one) to one answer's evidence log. */
    Bound bind(EvidenceLog log, int maxResultChars, String question) {
        Map<String, DefaultToolExecutor> executors = new LinkedHashMap<>();
        List<ToolSpecification> specs = new ArrayList<>();
        for (Registration feature : features) {
            if (!question.isEmpty() && !feature.relevantTo(question)) {
                continue;
            }
            Object adapter = feature.tools().bind(log);
            for (Method method : adapter.getClass().getDeclaredMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    method.setAccessible(true); // adapters are package-private by design
                    ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
                    specs.add(spec);
                    executors.put(spec.name(), new DefaultToolExecutor(adapter, method));
                }
            }
        }
        specs.sort(java.util.Comparator.comparing(ToolSpecification::name)); // stable prompt bytes across runs
        return new Bound(List.copyOf(specs), executors, maxResultChars);
    }

    /** The tools of one answer. */
    static final class Bound {
        private final List<ToolSpecification> specifications;
        private final Map<String, DefaultToolExecutor> executors;
        private final int maxResultChars;

        private Bound(List<ToolSpecification> specifications, Map<String, DefaultToolExecutor> executors, int maxResultChars) {
            this.specifications = specifications;
            this.executors = executors;
            this.maxResultChars = maxResultChars;
        }

        List<ToolSpecification> specifications() {
            return specifications;
        }

        /** Runs the requested tool; failures become an error text the model can read, never an exception. */
        String execute(ToolExecutionRequest request) {
            DefaultToolExecutor executor = executors.get(request.name());
            if (executor == null) {
                return "error: no tool named " + request.name() + "; available: " + String.join(", ", executors.keySet());
            }
            String result;
            try {
                ToolExecutionResult outcome = executor.executeWithContext(request, InvocationContext.builder().build());
                // the model must tell a failed lookup from data, so errors are labelled as such
                result = outcome.isError() ? "error: " + outcome.resultText() : outcome.resultText();
            } catch (RuntimeException e) {
                result = "error: " + rootMessage(e);
            }
            return ToolText.capped(Redactor.INSTANCE.redact(result == null ? "" : result), maxResultChars);
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
    }
}
