package dev.czar.agent;

import dev.czar.intent.MessageText;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The evidence topics a STATUS question can be about, and the one place that holds the words naming each. Both
 * answer paths route through it: the model is offered a topic's tools when the question {@link #mentionedIn mentions}
 * the topic ({@code tools.register(CiTools.of(...), Topic.CI)}), and the offline answerer asks a topic's answer only
 * when the question {@link #claims} it ({@code Topic.CI.answeredBy(answers)}).
 * <p>
 * A topic has two word sets on purpose. The tool words are generous: offering a tool the model does not need costs a
 * few prompt tokens. The answer words are the narrower ones an offline answer may claim a question with, since it
 * answers without understanding ("which tests did feature-x add?" is git's question, not CI's).
 */
public enum Topic {
    WORKERS("\\b(workers?|agents?|workstreams?|stuck|doing|busy|idle|queued?|blocked|blocking"
            + "|done|finished|conflicts?|duplicat\\w*|gate|tasks?|launched|running|failed|killed|lost|needs? input)\\b|czar/",
            "\\b(everyone|everybody|fleet|queue|paused|conflicting|waiting)\\b"),
    CI("\\b(ci|builds?|tests?|testing|green|red|failing|failed|passing|passed|pipelines?"
            + "|workflows?|actions|runs?|junit|checks?)\\b",
            "\\bci\\b|\\bbuilds?\\b|\\bpipelines?\\b|\\bchecks\\b|\\bgreen\\b|\\bred\\b|\\bpass(ing|es|ed)?\\b|\\bfail(ing|s|ed)?\\b|\\bactions\\b"),
    BENCH("\\b(bench\\w*|perf\\w*|slower|faster|speed|regress\\w*|improve\\w*|latency|throughput"
            + "|energy|joules?|memory|ms|seconds|ops)\\b",
            "\\b(slower|faster|slow|fast|quicker|regress\\w*|improv\\w*|bench\\w*|perf\\w*|speed\\w*|latency|throughput|energy)\\b"),
    /** issue 19: the pull requests czar opened, their reviews and checks, and what landed. */
    PULL_REQUESTS("\\b(prs?|pull[- ]?requests?|landed|merged|shipped)\\b", null),
    REVIEW("\\breview(ed|s|er|ers)?\\b|\\b(findings?|blockers?|personas?|checklist)\\b", "\\breview(ed|s|er|ers)?\\b");

    private final Pattern toolWords;
    private final Pattern answerWords;

    /** @param answerWords what an offline answer may claim a question with; {@code null} = the tool words */
    Topic(String toolWords, String answerWords) {
        this.toolWords = Pattern.compile(toolWords, Pattern.CASE_INSENSITIVE);
        this.answerWords = answerWords == null ? this.toolWords : Pattern.compile(answerWords, Pattern.CASE_INSENSITIVE);
    }

    /** Whether the question touches this topic, so that its tools are worth offering to the model. */
    public boolean mentionedIn(String question) {
        return toolWords.matcher(question).find();
    }

    /** Whether an offline answer on this topic may take the question. */
    public boolean claims(String question) {
        return answerWords.matcher(MessageText.folded(question)).find();
    }

    /** The offline answer on this topic, asked only for the questions this topic {@link #claims}. */
    public TopicAnswers answeredBy(TopicAnswers answers) {
        return (question, log) -> claims(question) ? answers.answer(question, log) : Optional.<String>empty();
    }

    /** Whether any topic's words (tool or answer words) occur in the text: a question that may not be git's alone. */
    public static boolean anyIn(String text) {
        String folded = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).anyMatch(t -> t.toolWords.matcher(folded).find() || t.answerWords.matcher(folded).find());
    }
}
