package dev.czar.agent;

/**
 * Words that make a feature's tools worth offering to the model for a question. Git tools are always offered;
 * a question that names none of these topics gets git alone, and the model says what it could not check.
 */
public final class AgentTopics {
    public static final String WORKERS = "\\b(workers?|agents?|workstreams?|stuck|doing|busy|idle|queued?|blocked|blocking"
            + "|done|finished|conflicts?|duplicat\\w*|gate|tasks?|launched|running|failed|killed|lost|needs? input)\\b|czar/";
    public static final String CI = "\\b(ci|builds?|tests?|testing|green|red|failing|failed|passing|passed|pipelines?"
            + "|workflows?|actions|runs?|junit|checks?)\\b";
    public static final String BENCH = "\\b(bench\\w*|perf\\w*|slower|faster|speed|regress\\w*|improve\\w*|latency|throughput"
            + "|energy|joules?|memory|ms|seconds|ops)\\b";

    /** issue 19: the pull requests czar opened, their reviews and checks, and what landed. */
    public static final String PULL_REQUESTS = "\\b(prs?|pull[- ]?requests?|landed|merged|shipped)\\b";

    public static final String REVIEW = "\\breview(ed|s|er|ers)?\\b|\\b(findings?|blockers?|personas?|checklist)\\b";

    private AgentTopics() {
    }
}
