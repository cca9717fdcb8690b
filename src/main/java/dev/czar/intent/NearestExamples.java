package dev.czar.intent;

import dev.czar.understanding.TextEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Offline step for messages the rules could only default to STATUS (issue 24): "thank you, that helps a lot",
 * "hey :wave:", "lol nice one". The message goes to the labelled example nearest to it in meaning (sentence
 * embeddings); it becomes CONVERSATION only when that example is a CONVERSATION one and close enough. Messages
 * with anything a status answer could be about (a branch-like name, a number, a word such as "merged" or "CI")
 * never reach the model, so status questions neither change nor pay for loading it. It never yields COMMAND.
 */
public final class NearestExamples implements IntentRefiner {
    /** Below this cosine the nearest example is not near: the message keeps the rules' STATUS. */
    static final double NEAR = 0.5;
    private static final Pattern REPO_TOKEN = Pattern.compile("[\\p{L}\\p{N}]+[-/_.#][\\p{L}\\p{N}]|\\d");
    private static final Set<String> STATUS_WORDS = Set.of("status", "branch", "branches", "main", "master", "merge",
            "merged", "commit", "commits", "landed", "changed", "change", "changes", "ahead", "behind", "ci", "build",
            "builds", "test", "tests", "review", "reviews", "worker", "workers", "workstream", "workstreams", "blocked",
            "blocking", "stuck", "conflict", "conflicts", "benchmark", "bench", "pr", "diff", "failing", "failed", "cost",
            "deploy", "release", "progress", "done", "today", "yesterday", "week", "slower", "faster", "running",
            "queue", "queued", "doing", "working", "update", "stand");

    /** Chat slang the model has rarely seen: a message of only these is conversation without asking it. */
    private static final Set<String> SLANG = Set.of("rofl", "lol", "lmao", "lmfao", "haha", "hahaha", "hehe", "xd", "omg",
            "brb", "gg", "np", "ty", "tyvm", "nice", "cool", "wow", "yay", "woot", "kk", "ikr", "imo", "fr", "tbh", "bruh");

    private final TextEmbedder embedder;
    private final List<IntentExamples.Example> examples;
    private volatile List<float[]> vectors;

    NearestExamples(TextEmbedder embedder, List<IntentExamples.Example> examples) {
        this.embedder = embedder;
        this.examples = examples;
    }

    /** The shipped example set ({@code intent/examples.psv}). */
    public static NearestExamples shipped(TextEmbedder embedder) {
        return new NearestExamples(embedder, shippedRows());
    }

    /**
     * The shipped set plus the operator's own ({@code understanding.intent-examples}), read now: a bad line, or
     * one labelled COMMAND, is refused at start-up ({@link dev.czar.config.ConfigException}, one line).
     */
    public static NearestExamples withExtra(TextEmbedder embedder, java.nio.file.Path extra) {
        return withExtra(embedder, extra, extra.toString());
    }

    /** As {@link #withExtra(TextEmbedder, java.nio.file.Path)}; errors name the file as {@code shownAs}. */
    public static NearestExamples withExtra(TextEmbedder embedder, java.nio.file.Path extra, String shownAs) {
        List<IntentExamples.Example> rows = new java.util.ArrayList<>(shippedRows());
        rows.addAll(IntentExamples.read(extra, shownAs));
        return new NearestExamples(embedder, List.copyOf(rows));
    }

    private static List<IntentExamples.Example> shippedRows() {
        try (InputStream in = NearestExamples.class.getResourceAsStream("/intent/examples.psv")) {
            return IntentExamples.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "intent/examples.psv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Intent refine(String cleanedText, Intent proposed) {
        if (proposed != Intent.STATUS || aboutTheRepository(cleanedText)) {
            return proposed;
        }
        if (onlySlang(cleanedText)) {
            return Intent.CONVERSATION;
        }
        if (!embedder.available()) {
            return proposed;
        }
        float[] message = embedder.embed(cleanedText);
        List<float[]> known = vectors();
        double bestConversation = -1;
        double bestStatus = -1;
        for (int i = 0; i < examples.size(); i++) {
            double sim = TextEmbedder.cosine(message, known.get(i));
            if (examples.get(i).intent() == Intent.CONVERSATION) {
                bestConversation = Math.max(bestConversation, sim);
            } else {
                bestStatus = Math.max(bestStatus, sim);
            }
        }
        return bestConversation >= NEAR && bestConversation > bestStatus ? Intent.CONVERSATION : proposed;
    }

    /** Whether the message names something a status answer could be about: then the rules' STATUS stands. */
    static boolean aboutTheRepository(String text) {
        if (REPO_TOKEN.matcher(text).find()) {
            return true;
        }
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (STATUS_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onlySlang(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        boolean any = false;
        for (String word : words) {
            if (!word.isEmpty() && !SLANG.contains(word)) {
                return false;
            }
            any |= !word.isEmpty();
        }
        return any;
    }

    private List<float[]> vectors() {
        List<float[]> v = vectors;
        if (v == null) {
            v = examples.stream().map(e -> embedder.embed(e.text())).toList();
            vectors = v;
        }
        return v;
    }
}
