package dev.czar.agent;

import dev.czar.chat.Evidence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guarantees what the prompt only asks for: every commit SHA, CI run id, benchmark row id and number-with-unit
 * an answer states must match something the tools returned for that same answer. Claims that match nothing
 * are marked {@value #MARK} in the text and listed, so they are never posted as fact.
 */
public final class CitationChecker {
    public static final String MARK = "(unverified)";

    private static final Pattern SHA = Pattern.compile("(?<![0-9A-Za-z])[0-9a-f]{7,40}(?![0-9A-Za-z])");
    private static final Pattern RUN_ID = Pattern.compile(
            "(?i)(?:\\bruns?/|\\brun(?: id)?[ :#]+|\\bworkflow run[ :#]+|\\bbuild[ :#]+)(\\d{3,})");
    private static final Pattern BENCH_ROW = Pattern.compile("(?i)\\b(?:bench(?:mark)?\\s+)?row(?: id)?[ :#]+(\\d+)");
    private static final Pattern FIGURE = Pattern.compile(
            "(?i)(?<![\\w.#/-])([+-]?\\d+(?:[.,]\\d+)?)\\s*(?:[a-z-]+\\s+)??(%|ms\\b|s\\b|sec(?:ond)?s?\\b|min(?:ute)?s?\\b|hours?\\b|days?\\b"
                    + "|commits?\\b|files?\\b|lines?\\b|branch(?:es)?\\b|ahead\\b|behind\\b|insertions?\\b|deletions?\\b"
                    + "|additions?\\b|tokens?\\b|round trips?\\b|answers?\\b|tests?\\b|failures?\\b|runs?\\b|workers?\\b"
                    + "|[kmg]i?b\\b|x\\b)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])[+-]?\\d+(?:[.,]\\d+)?(?![\\w])");

    /** The checked text and the claims nothing backs. */
    public record Checked(String text, List<String> unverified) {
    }

    /**
     * @param answer      the model's final text
     * @param evidence    facts recorded by the tools of this answer
     * @param toolResults the texts the tools returned to the model in this answer
     * @param question    what the user asked (a figure the user stated is theirs, not a claim)
     */
    public Checked check(String answer, Collection<Evidence> evidence, Collection<String> toolResults, String question) {
        String corpus = String.join("\n", toolResults).toLowerCase(Locale.ROOT);
        Set<String> numbers = numbers(corpus + "\n" + question);
        List<Claim> claims = new ArrayList<>();
        List<int[]> covered = new ArrayList<>();
        collect(RUN_ID, answer, 1, claims, covered, id -> numbers.contains(id) || refMatches(evidence, id));
        collect(BENCH_ROW, answer, 1, claims, covered, id -> numbers.contains(id) || refMatches(evidence, id));
        // an all-digit token may be a short SHA or a large number: either backing verifies it
        collect(SHA, answer, 0, claims, covered, sha -> shaKnown(sha, evidence, corpus)
                || (sha.chars().allMatch(Character::isDigit) && numbers.contains(sha)));
        collect(FIGURE, answer, 1, claims, covered, n -> numbers.contains(normal(n)));
        claims.sort((a, b) -> Integer.compare(b.end, a.end));
        StringBuilder text = new StringBuilder(answer);
        List<String> unverified = new ArrayList<>();
        for (Claim claim : claims) {
            if (!claim.verified) {
                text.insert(claim.end, " " + MARK);
                unverified.add(0, claim.text);
            }
        }
        return new Checked(text.toString(), List.copyOf(unverified));
    }

    private record Claim(String text, int end, boolean verified) {
    }

    private static void collect(Pattern pattern, String answer, int valueGroup, List<Claim> claims, List<int[]> covered,
                                java.util.function.Predicate<String> verified) {
        Matcher m = pattern.matcher(answer);
        while (m.find()) {
            if (overlaps(covered, m.start(valueGroup), m.end(valueGroup))) {
                continue;
            }
            if (pattern == SHA && !looksLikeSha(m.group())) {
                continue;
            }
            covered.add(new int[] {m.start(valueGroup), m.end(valueGroup)});
            claims.add(new Claim(m.group().strip(), m.end(), verified.test(m.group(valueGroup).toLowerCase(Locale.ROOT))));
        }
    }

    /** Hex-only words ("deadbeef", "facade") are words; anything with a digit may be a commit id. */
    private static boolean looksLikeSha(String token) {
        return token.chars().anyMatch(Character::isDigit);
    }

    /** A number already claimed as a run id or row id is not claimed again as a SHA or a figure. */
    private static boolean overlaps(List<int[]> covered, int start, int end) {
        return covered.stream().anyMatch(span -> start < span[1] && span[0] < end);
    }

    private static boolean shaKnown(String sha, Collection<Evidence> evidence, String corpus) {
        for (Evidence e : evidence) {
            if ("git".equals(e.source()) && e.ref().toLowerCase(Locale.ROOT).startsWith(sha)) {
                return true;
            }
        }
        return Pattern.compile("(?<![0-9a-f])" + sha).matcher(corpus).find();
    }

    private static boolean refMatches(Collection<Evidence> evidence, String id) {
        return evidence.stream().anyMatch(e -> e.ref().equals(id) || e.ref().endsWith("/" + id));
    }

    private static Set<String> numbers(String text) {
        Set<String> found = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            found.add(normal(m.group()));
        }
        return found;
    }

    private static String normal(String number) {
        String n = number.replace(',', '.');
        return n.startsWith("+") || n.startsWith("-") ? n.substring(1) : n;
    }
}
