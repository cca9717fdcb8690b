package dev.czar.agent;

import dev.czar.intent.MessageText;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a STATUS question deterministically: which branches it names (matched against the branches the
 * repository really has) and what it asks about them. Used when no language model is configured.
 */
final class StatusQuestionParser {
    private static final Pattern LANDED = Pattern.compile(
            "\\b(landed|land|shipped|got merged|were merged|was merged|new on (main|master)|merged (today|yesterday|this week|recently))\\b");
    private static final Pattern CHANGES = Pattern.compile("\\b(changed?|changes|diff|diffstat|files?|touch(ed|es)?|modif(y|ied|ies))\\b");
    private static final Pattern COMMITS = Pattern.compile("\\b(commits?|log|history|recent)\\b");
    private static final Pattern MERGED = Pattern.compile("\\b(merged|in main|into main|in master|into master)\\b");
    private static final Pattern BRANCHES = Pattern.compile("\\b(branches|all branches|every branch|each branch)\\b");
    private static final Pattern NAMED_BRANCH = Pattern.compile("\\bbranch(?:es)? [`'\"]?([\\p{L}\\p{N}._/-]+)");
    private static final Pattern BRANCH_LIKE = Pattern.compile("[\\p{L}\\p{N}._]+([/-][\\p{L}\\p{N}._]+)+");
    private static final Pattern ANCESTRY = Pattern.compile("[\\p{L}\\p{N}._/-]+(?:[~^]\\d*)+");
    private static final Pattern LAST_N = Pattern.compile("\\b(?:last|past) (\\d{1,3}) (hour|day|week)s?\\b");
    private static final Pattern TIME_WORDS = Pattern.compile("\\b(today|yesterday|this week|recently|lately|(last|past) \\d+ \\w+)\\b");
    private static final Pattern TRIM = Pattern.compile("^[`'\"“”‘’(\\[{<]+|[`'\"“”‘’)\\]}>,;:!?.]+$");
    /** Revisions that are not branch names but resolve like them: {@code HEAD~2}, {@code main^}, a SHA prefix. */
    private static final Pattern EXPRESSION = Pattern.compile("(?:[\\p{L}\\p{N}._/-]+|@)(?:[~^]\\d*)+|HEAD|(?=[0-9a-f]*\\d)[0-9a-f]{7,40}");
    /** What a question that is about a repository at large says; anything else unroutable gets "I can answer …". */
    private static final Pattern GENERIC = Pattern.compile(
            "^(status|overview|summary|update|news|report|repo|repository|state|what'?s new|anything new)[?!.\\s]*$"
                    + "|\\b(status|overview|summary|state|going on|happening|up to|how are things|where are we|repo(sitory)?)\\b");
    private static final Set<String> NOT_BRANCHES = Set.of("ahead", "behind", "named", "called", "status", "is", "of");

    private final Clock clock;
    private final ZoneId zone;

    StatusQuestionParser(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    StatusQuestion parse(String cleanedText, Collection<String> knownBranches, String mainBranch) {
        return parse(cleanedText, knownBranches, mainBranch, name -> false);
    }

    /**
     * @param knownBranches branch names and the short names and tags {@code git} also resolves
     * @param resolvable    whether a revision expression ({@code HEAD~2}, a SHA prefix) names a commit here
     */
    StatusQuestion parse(String cleanedText, Collection<String> knownBranches, String mainBranch,
                         Predicate<String> resolvable) {
        String folded = MessageText.folded(cleanedText);
        List<String> named = mentionedBranches(cleanedText, knownBranches, resolvable);
        Optional<String> unknown = named.isEmpty() ? unknownBranch(cleanedText, knownBranches) : Optional.empty();
        List<String> nonMain = named.stream().filter(b -> !b.equals(mainBranch)).toList();
        TimeWindow window = window(folded);
        StatusQuestion.Kind kind;
        if (LANDED.matcher(folded).find() && nonMain.isEmpty()) {
            kind = StatusQuestion.Kind.LANDED;
        } else if (nonMain.isEmpty() && unknown.isEmpty()) {
            if (BRANCHES.matcher(folded).find() || folded.contains("ahead") || folded.contains("behind")) {
                kind = StatusQuestion.Kind.BRANCH_LIST;
            } else if (!named.isEmpty() || TIME_WORDS.matcher(folded).find()) {
                kind = StatusQuestion.Kind.LANDED;
            } else if (GENERIC.matcher(folded).find()) {
                kind = StatusQuestion.Kind.OVERVIEW;
            } else {
                kind = StatusQuestion.Kind.UNROUTABLE;
            }
        } else if (CHANGES.matcher(folded).find()) {
            kind = StatusQuestion.Kind.CHANGES;
        } else if (COMMITS.matcher(folded).find()) {
            kind = StatusQuestion.Kind.COMMITS;
        } else if (MERGED.matcher(folded).find()) {
            kind = StatusQuestion.Kind.MERGED;
        } else {
            kind = StatusQuestion.Kind.BRANCH_STATUS;
        }
        return new StatusQuestion(kind, nonMain.isEmpty() ? named : nonMain, unknown, window);
    }

    /** Known branch names (and resolvable revision expressions) the text mentions, in order. */
    static List<String> mentionedBranches(String text, Collection<String> known, Predicate<String> resolvable) {
        List<String> found = new ArrayList<>();
        for (String token : tokens(text)) {
            String match = known.contains(token) ? token : known.stream()
                    .filter(b -> b.equalsIgnoreCase(token)).findFirst().orElse(null);
            if (match == null && EXPRESSION.matcher(token).matches() && resolvable.test(token)) {
                match = token;
            }
            if (match != null && !found.contains(match)) {
                found.add(match);
            }
        }
        return found;
    }

    private static Optional<String> unknownBranch(String text, Collection<String> known) {
        Matcher named = NAMED_BRANCH.matcher(text);
        while (named.find()) {
            String candidate = trim(named.group(1));
            if (!candidate.isEmpty() && !NOT_BRANCHES.contains(candidate.toLowerCase(Locale.ROOT))) {
                return Optional.of(candidate);
            }
        }
        return tokens(text).stream()
                .filter(t -> (BRANCH_LIKE.matcher(t).matches() || ANCESTRY.matcher(t).matches()) && !known.contains(t))
                .findFirst();
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String raw : text.split("\\s+")) {
            String token = trim(raw);
            if (token.endsWith("'s") || token.endsWith("’s")) {
                token = token.substring(0, token.length() - 2);
            }
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static String trim(String raw) {
        String previous;
        String token = raw;
        do {
            previous = token;
            token = TRIM.matcher(token).replaceAll("");
        } while (!token.equals(previous));
        return token;
    }

    TimeWindow window(String folded) {
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime today = now.truncatedTo(ChronoUnit.DAYS);
        Matcher lastN = LAST_N.matcher(folded);
        if (lastN.find()) {
            int n = Integer.parseInt(lastN.group(1));
            Duration span = switch (lastN.group(2)) {
                case "hour" -> Duration.ofHours(n);
                case "week" -> Duration.ofDays(7L * n);
                default -> Duration.ofDays(n);
            };
            return new TimeWindow(now.minus(span).toInstant(), "in the last " + n + " " + lastN.group(2) + (n == 1 ? "" : "s"));
        }
        if (folded.contains("yesterday")) {
            return new TimeWindow(today.minusDays(1).toInstant(), "since yesterday");
        }
        if (folded.contains("this week")) {
            return new TimeWindow(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant(), "this week");
        }
        if (folded.contains("recently") || folded.contains("lately")) {
            return new TimeWindow(today.minusDays(7).toInstant(), "in the last 7 days");
        }
        return new TimeWindow(today.toInstant(), "today");
    }
}
