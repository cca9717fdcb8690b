package dev.czar.review;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.output.OutputParsingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Runs personas over one input, at most {@code maxParallel} at a time. Each persona applies its offline rules; with
 * a model it also sends one redacted, budgeted request and reads a {@link ModelReview} back, retrying once on
 * invalid output. A persona's failure or timeout stays that persona's: the others finish and the outcome says why.
 */
public final class ReviewRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewRunner.class);
    private static final String OUTPUT_RULES = """


            ## How to answer
            Review only the change below, from your perspective. Report each problem once, with severity
            blocker, major, minor or info as defined above, the file and line where it applies, and a mitigation.
            Never repeat a secret, key or password from the change; name its kind instead. Secrets already appear
            as [REDACTED:kind]. If you find nothing, return an empty findings list.""";

    private final ChatModel model;
    private final ReviewSettings settings;
    private final UnaryOperator<String> redact;

    /**
     * @param model    the language model, or {@code null} to review with offline rules only
     * @param redact   applied to everything sent to the model and to every finding text
     */
    public ReviewRunner(ChatModel model, ReviewSettings settings, UnaryOperator<String> redact) {
        this.model = model;
        this.settings = settings;
        this.redact = redact;
    }

    /** Identifies what produces the findings, so cached results are reused only for the same kind of review. */
    public String mode() {
        if (model == null) {
            return "offline";
        }
        String name = model.defaultRequestParameters() == null ? null : model.defaultRequestParameters().modelName();
        return "model:" + (name == null ? model.getClass().getSimpleName() : name) + ":budget=" + settings.tokenBudget();
    }

    /** One outcome per persona, in the order given. */
    public List<PersonaOutcome> run(List<Persona> personas, ReviewInput input) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.maxParallel(), personas.size())),
                daemon("review-persona"));
        // model calls run on their own threads so a persona's timeout starts when it starts, not when it was queued
        ExecutorService calls = Executors.newCachedThreadPool(daemon("review-call"));
        try {
            // redacted once per review, not once per persona: on a large change redaction is the costly part
            ReviewInput redacted = model == null ? input : redacted(input);
            List<Future<PersonaOutcome>> futures = new ArrayList<>();
            for (Persona persona : personas) {
                futures.add(pool.submit(() -> review(persona, input, redacted, calls)));
            }
            List<PersonaOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < personas.size(); i++) {
                outcomes.add(await(personas.get(i), futures.get(i)));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            calls.shutdownNow();
        }
    }

    private ReviewInput redacted(ReviewInput input) {
        return new ReviewInput(redact.apply(input.label()), input.files().stream()
                .map(f -> new dev.czar.evidence.git.FilePatch(redact.apply(f.path()), f.change(), redact.apply(f.patch()), f.binary()))
                .toList(), redact.apply(input.proposal()));
    }

    /** Rules read the raw input (they must see a secret to report it); the model only ever gets the redacted one. */
    private PersonaOutcome review(Persona persona, ReviewInput input, ReviewInput redacted, ExecutorService calls) {
        List<Finding> rules = OfflineRulePacks.apply(persona, input).stream().map(this::clean).toList();
        if (model == null) {
            return new PersonaOutcome(persona.name(), PersonaOutcome.OFFLINE, "", rules, List.of(), null);
        }
        String system = persona.prompt() + OUTPUT_RULES;
        int room = settings.tokenBudget() - InputBudget.tokens(system) - ReviewSettings.REQUEST_OVERHEAD_TOKENS;
        if (room < 200) {
            return new PersonaOutcome(persona.name(), PersonaOutcome.SKIPPED, "review.token-budget " + settings.tokenBudget()
                    + " is too small for this persona's prompt", rules, List.of(), null);
        }
        String change = InputBudget.fit(redacted, room, UnaryOperator.identity());
        PersonaReviewer reviewer = AiServices.builder(PersonaReviewer.class).chatModel(model)
                .systemMessageProvider(memoryId -> system).build();
        Future<ModelReview> call = calls.submit(() -> askWithOneRetry(persona, reviewer, change));
        try {
            ModelReview review = call.get(settings.personaTimeout().toMillis(), TimeUnit.MILLISECONDS);
            List<Finding> findings = new ArrayList<>(rules);
            review.findings().forEach(f -> findings.add(clean(Finding.of(persona.name(), Severity.parse(f.severity()),
                    f.title(), f.file(), f.line(), f.mitigation(), "model"))));
            List<String> questions = review.followUpQuestions() == null ? List.of()
                    : review.followUpQuestions().stream().filter(q -> q != null && !q.isBlank()).map(redact).toList();
            return new PersonaOutcome(persona.name(), PersonaOutcome.OK, "", findings, questions, review.confidence());
        } catch (TimeoutException e) {
            call.cancel(true);
            return new PersonaOutcome(persona.name(), PersonaOutcome.TIMED_OUT, "no answer within "
                    + settings.personaTimeout().toSeconds() + "s (review.persona-timeout-seconds)", rules, List.of(), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("persona {} failed", persona.name(), cause);
            return new PersonaOutcome(persona.name(), PersonaOutcome.FAILED, reason(cause), rules, List.of(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new PersonaOutcome(persona.name(), PersonaOutcome.FAILED, "interrupted", rules, List.of(), null);
        }
    }

    /** Invalid output (unparseable, or findings without a valid severity or title) gets exactly one more try. */
    private static ModelReview askWithOneRetry(Persona persona, PersonaReviewer reviewer, String change) {
        try {
            return valid(reviewer.review(change));
        } catch (OutputParsingException | InvalidOutputException e) {
            LOG.info("persona {} returned invalid output, retrying once: {}", persona.name(), e.getMessage());
        }
        try {
            return valid(reviewer.review(change));
        } catch (OutputParsingException | InvalidOutputException e) {
            throw new InvalidOutputException("invalid output twice: " + firstLine(e.getMessage()));
        }
    }

    private static ModelReview valid(ModelReview review) {
        if (review == null || review.findings() == null) {
            throw new InvalidOutputException("no findings list in the model's answer");
        }
        for (ModelReview.ModelFinding f : review.findings()) {
            if (f == null || Severity.parse(f.severity()) == null || f.title() == null || f.title().isBlank()) {
                throw new InvalidOutputException("a finding lacks a title or a severity of blocker|major|minor|info");
            }
        }
        return review;
    }

    private PersonaOutcome await(Persona persona, Future<PersonaOutcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            LOG.error("persona {} crashed", persona.name(), e.getCause());
            return new PersonaOutcome(persona.name(), PersonaOutcome.FAILED, reason(e.getCause()), List.of(), List.of(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PersonaOutcome(persona.name(), PersonaOutcome.FAILED, "interrupted", List.of(), List.of(), null);
        }
    }

    private Finding clean(Finding f) {
        return new Finding(f.personas(), f.severity(), redact.apply(f.title().strip()), f.file() == null ? null : redact.apply(f.file()),
                f.line(), redact.apply(f.mitigation()), f.rule());
    }

    private String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.langchain4j.exception.HttpException http) {
                String detail = providerMessage(http.getMessage());
                message = "the model provider answered HTTP " + http.statusCode() + (detail.isEmpty() ? "" : ": " + detail);
                break;
            }
        }
        return redact.apply(message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    /**
     * Providers put the reason in {@code {"error": {"message": ...}}}; clients may prefix the body ("HTTP 500: ...")
     * or keep only its first line, so whatever cannot be read as that is reduced to plain text or nothing.
     */
    private static String providerMessage(String body) {
        String text = body == null ? "" : body.replaceFirst("^HTTP \\d{3}:?\\s*", "").strip();
        if (text.indexOf('{') >= 0) {
            try {
                var node = dev.czar.chat.Json.MAPPER.readTree(text.substring(text.indexOf('{')));
                if (node != null && node.path("error").path("message").isTextual()) {
                    return node.path("error").path("message").asText();
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException cut) {
                // a JSON body cut to its first line says nothing readable
            }
            return "";
        }
        return firstLine(text);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The model answered, but not with a usable review. */
    static final class InvalidOutputException extends RuntimeException {
        InvalidOutputException(String message) {
            super(message);
        }
    }
}
