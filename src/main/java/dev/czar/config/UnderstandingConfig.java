package dev.czar.config;

import java.util.Locale;

/**
 * Offline understanding with an in-process sentence-embedding model (issue 24).
 *
 * @param embeddings          {@code on} (default) or {@code off}; off falls back to word rules for duplicates,
 *                            task fit and casual-message sorting
 * @param duplicateSimilarity how alike (cosine, 0-1) two task texts must be to count as the same work
 * @param overlapSimilarity the lower bar for tasks whose branches already change the same files or declare the
 *                          same names
 * @param fitMargin           how much better (score: cosine plus 0.5 x lexical evidence) another live task must
 *                            match a branch than its own task
 *                            before the branch counts as drifting
 * @param intentExamples      a file of the operator's own labelled examples ({@code CONVERSATION|message} or
 *                            {@code STATUS|message}), added to the shipped set; relative to the repository root;
 *                            empty: the shipped set only
 */
public record UnderstandingConfig(String embeddings, Double duplicateSimilarity, Double overlapSimilarity, Double fitMargin,
                                  String intentExamples) {
    public UnderstandingConfig {
        embeddings = embeddings == null || embeddings.isBlank() ? "on" : embeddings.strip().toLowerCase(Locale.ROOT);
        duplicateSimilarity = duplicateSimilarity != null ? duplicateSimilarity : 0.8;
        overlapSimilarity = overlapSimilarity != null ? overlapSimilarity : 0.4;
        fitMargin = fitMargin != null ? fitMargin : 0.2;
        intentExamples = intentExamples == null ? "" : intentExamples.strip();
    }

    /** As written before the operator's own intent examples: the shipped set only. */
    public UnderstandingConfig(String embeddings, Double duplicateSimilarity, Double overlapSimilarity, Double fitMargin) {
        this(embeddings, duplicateSimilarity, overlapSimilarity, fitMargin, null);
    }

    public boolean embeddingsOn() {
        return embeddings.equals("on");
    }
}
