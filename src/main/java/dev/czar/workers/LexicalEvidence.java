package dev.czar.workers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The lexical half of task fit (issue 24): which of a task's words the change touches, weighted like a search engine
 * ranks a document for a query (BM25): a word counts more the more changed lines carry it (saturating), more when
 * a changed path names it, and more the rarer it is in the repository's own commit messages ({@link #rarity}): on
 * click, "click" says nothing and "fish" says a lot. Words are compared by their first five letters, so "completion"
 * meets "complete" and "parser" meets "parsing".
 */
public final class LexicalEvidence {
    /** BM25's saturation: the 2nd line with a word adds much, the 20th little. */
    private static final double K1 = 1.2;
    /** What a changed path naming the word adds on top of the lines carrying it. */
    private static final double PATH = 1.0;
    /** Highest score: every task word in many changed lines and in a path. */
    static final double MAX = K1 + 1 + PATH;
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "that", "this", "from", "into", "should",
            "must", "make", "add", "adds", "added", "implement", "build", "write", "fix", "fixes", "fixed", "use", "new",
            "all", "each", "every", "when", "then", "than", "also", "its", "their", "our", "your", "have", "has", "not",
            "are", "was", "were", "can", "now", "only", "more", "some", "which", "would", "could", "been", "being",
            "does", "did", "doesn", "don", "isn", "wasn");

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("\\bhttps?://\\S+");
    /** Numbers (issue and pull request references, versions) and hexadecimal object ids. */
    private static final java.util.regex.Pattern NOT_A_WORD = java.util.regex.Pattern.compile("\\d+|(?=.*\\d)[0-9a-f]{7,40}");
    private final Supplier<? extends Collection<String>> corpus;
    private Map<String, Integer> documentFrequency;
    private int documents;

    private LexicalEvidence(Supplier<? extends Collection<String>> corpus) {
        this.corpus = corpus;
    }

    /** Every word weighs the same (no history to learn rarity from). */
    public static LexicalEvidence uniform() {
        return new LexicalEvidence(List::of);
    }

    /**
     * Word weights learned from texts of the repository, typically its recent commit messages; read on first use,
     * so start-up and commands that never judge task fit do not pay for walking the history.
     */
    public static LexicalEvidence rarity(Supplier<? extends Collection<String>> texts) {
        return new LexicalEvidence(texts);
    }

    private synchronized Map<String, Integer> frequencies() {
        if (documentFrequency == null) {
            Collection<String> texts = corpus.get();
            Map<String, Integer> df = new HashMap<>();
            for (String text : texts) {
                for (String stem : new HashSet<>(stems(contentWords(text)))) {
                    df.merge(stem, 1, Integer::sum);
                }
            }
            documents = texts.size();
            documentFrequency = df;
        }
        return documentFrequency;
    }

    /** In [0, {@link #MAX}]: the task's words, weighted by rarity, by how much of the change carries them. */
    public double score(String task, ChangeSummary change) {
        Set<String> words = new LinkedHashSet<>(stems(contentWords(task)));
        if (words.isEmpty()) {
            return 0;
        }
        Map<String, Integer> lines = change.lineFrequency();
        Set<String> paths = change.pathWords();
        double sum = 0;
        double weights = 0;
        for (String word : words) {
            double weight = weight(word);
            int f = lines.getOrDefault(word, 0);
            sum += weight * (f * (K1 + 1) / (f + K1) + (paths.contains(word) ? PATH : 0));
            weights += weight;
        }
        return sum / weights;
    }

    /** The task's words the change touches and those it does not (as written in the task). */
    public List<List<String>> touched(String task, ChangeSummary change) {
        Set<String> vocabulary = change.lineFrequency().keySet();
        List<String> touched = new ArrayList<>();
        List<String> untouched = new ArrayList<>();
        for (String word : new LinkedHashSet<>(contentWords(task))) {
            (vocabulary.contains(stem(word)) || change.pathWords().contains(stem(word)) ? touched : untouched).add(word);
        }
        return List.of(touched, untouched);
    }

    private double weight(String stem) {
        Map<String, Integer> df = frequencies();
        return documents == 0 ? 1 : Math.log((documents + 1.0) / (df.getOrDefault(stem, 0) + 1.0)) + 1;
    }

    /** Words that say what a text is about: no stop words, no issue numbers, SHAs or links ("#2233", "https://..."). */
    static List<String> contentWords(String text) {
        String plain = URL.matcher(text).replaceAll(" ");
        return Arrays.stream(BranchSummary.words(plain).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 3 && !STOP.contains(w) && !NOT_A_WORD.matcher(w).matches()).toList();
    }

    static Set<String> stems(Collection<String> words) {
        return words.stream().map(LexicalEvidence::stem).collect(Collectors.toSet());
    }

    static String stem(String word) {
        return word.length() > 5 ? word.substring(0, 5) : word;
    }
}
