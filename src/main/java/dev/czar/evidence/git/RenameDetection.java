package dev.czar.evidence.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs deleted and added files into renames (and copies) by the rules of git's diffcore-rename.c, not JGit's
 * {@code RenameDetector}, whose limit, score and pairing differ: exact renames always; then, without copies, files
 * whose basename is unique on both sides at 75 % similarity; then inexact detection at 50 % only while
 * sources × destinations stay within {@code diff.renameLimit}², each source used once unless copies are on.
 * Inexact matching compares regular files only (symlinks rename exactly or not at all), as git does.
 */
final class RenameDetection {
    private static final int MAX_SCORE = 60_000;
    private static final int MIN_SCORE = MAX_SCORE / 2;
    private static final int MIN_BASENAME_SCORE = MIN_SCORE + MAX_SCORE / 4;
    private static final int CANDIDATES_PER_DESTINATION = 4;

    /** The changes with renames paired, and the limit git would ask for when it skipped inexact detection (else 0). */
    record Result(List<Change> changes, int neededLimit) {
    }

    private final ObjectReader reader;
    private final DiffRules rules;
    private final Map<ObjectId, GitSimilarity> indexes = new HashMap<>();

    RenameDetection(ObjectReader reader, DiffRules rules) {
        this.reader = reader;
        this.rules = rules;
    }

    Result apply(List<Change> changes) throws IOException {
        if (!rules.renames()) {
            return new Result(changes, 0);
        }
        List<Change> sources = new ArrayList<>();
        List<Change> destinations = new ArrayList<>();
        for (Change c : changes) {
            if (c.kind().equals(Change.ADD) && !gitlink(c.newMode())) {
                destinations.add(c);
            } else if (c.kind().equals(Change.DELETE) && !gitlink(c.oldMode())) {
                sources.add(c);
            } else if (rules.copies() && c.kind().equals(Change.MODIFY) && !gitlink(c.oldMode())) {
                sources.add(c);
            }
        }
        if (sources.isEmpty() || destinations.isEmpty()) {
            return new Result(changes, 0);
        }
        Map<Change, Change> pairs = new LinkedHashMap<>(); // destination -> source
        Map<Change, Integer> uses = new HashMap<>();
        exact(sources, destinations, pairs, uses);
        if (!rules.copies()) {
            byBasename(remaining(sources, uses), remaining(destinations, pairs), pairs, uses);
        }
        List<Change> leftSources = rules.copies() ? sources : remaining(sources, uses);
        List<Change> leftDestinations = remaining(destinations, pairs);
        int neededLimit = 0;
        if (!leftSources.isEmpty() && !leftDestinations.isEmpty()) {
            long limit = rules.effectiveLimit();
            if ((long) leftSources.size() * leftDestinations.size() > limit * limit) {
                neededLimit = Math.max(leftSources.size(), leftDestinations.size());
            } else {
                inexact(leftSources, leftDestinations, pairs, uses);
            }
        }
        return new Result(rewrite(changes, pairs), neededLimit);
    }

    private void exact(List<Change> sources, List<Change> destinations, Map<Change, Change> pairs,
                       Map<Change, Integer> uses) {
        Map<ObjectId, List<Change>> byBlob = new HashMap<>();
        for (Change s : sources) {
            byBlob.computeIfAbsent(s.oldId(), k -> new ArrayList<>()).add(s);
        }
        for (Change d : destinations) {
            Change best = null;
            for (Change s : byBlob.getOrDefault(d.newId(), List.of())) {
                boolean free = rules.copies() || !uses.containsKey(s);
                if (free && sameType(s.oldMode(), d.newMode()) && (best == null
                        || (!sameBasename(best, d) && sameBasename(s, d)))) {
                    best = s;
                }
            }
            if (best != null) {
                pair(d, best, pairs, uses);
            }
        }
    }

    private void byBasename(List<Change> sources, List<Change> destinations, Map<Change, Change> pairs,
                            Map<Change, Integer> uses) throws IOException {
        Map<String, List<Change>> sourceNames = byName(sources, Change::oldPath);
        Map<String, List<Change>> destinationNames = byName(destinations, Change::newPath);
        for (var entry : destinationNames.entrySet()) {
            List<Change> from = sourceNames.get(entry.getKey());
            if (entry.getValue().size() == 1 && from != null && from.size() == 1) {
                Change s = from.get(0);
                Change d = entry.getValue().get(0);
                if (score(s, d) >= MIN_BASENAME_SCORE) {
                    pair(d, s, pairs, uses);
                }
            }
        }
    }

    private record Candidate(Change source, Change destination, int score, boolean sameName) {
    }

    private void inexact(List<Change> sources, List<Change> destinations, Map<Change, Change> pairs,
                         Map<Change, Integer> uses) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        for (Change d : destinations) {
            List<Candidate> forDestination = new ArrayList<>();
            for (Change s : sources) {
                int score = score(s, d);
                if (score >= MIN_SCORE) {
                    forDestination.add(new Candidate(s, d, score, sameBasename(s, d)));
                }
            }
            forDestination.sort(ORDER);
            candidates.addAll(forDestination.subList(0, Math.min(CANDIDATES_PER_DESTINATION, forDestination.size())));
        }
        candidates.sort(ORDER);
        for (boolean copies : rules.copies() ? new boolean[]{false, true} : new boolean[]{false}) {
            for (Candidate c : candidates) {
                if (!pairs.containsKey(c.destination()) && (copies || !uses.containsKey(c.source()))) {
                    pair(c.destination(), c.source(), pairs, uses);
                }
            }
        }
    }

    private static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::score).reversed()
            .thenComparing(Candidate::sameName, Comparator.reverseOrder());

    /** git's estimate_similarity: regular files only, a size pre-check, then shared content over the larger size. */
    private int score(Change source, Change destination) throws IOException {
        if (!Change.isFile(source.oldMode()) || !Change.isFile(destination.newMode())) {
            return 0;
        }
        long sourceSize = reader.getObjectSize(source.oldId(), ObjectReader.OBJ_ANY);
        long destinationSize = reader.getObjectSize(destination.newId(), ObjectReader.OBJ_ANY);
        long max = Math.max(sourceSize, destinationSize);
        long delta = max - Math.min(sourceSize, destinationSize);
        if (destinationSize == 0 || max * (MAX_SCORE - MIN_SCORE) < delta * MAX_SCORE) {
            return 0;
        }
        long copied = index(source.oldId()).common(index(destination.newId()));
        return (int) (copied * MAX_SCORE / max);
    }

    private GitSimilarity index(ObjectId id) throws IOException {
        GitSimilarity index = indexes.get(id);
        if (index == null) {
            byte[] data = reader.open(id).getCachedBytes(Integer.MAX_VALUE);
            index = GitSimilarity.of(data, !TreeDiff.binary(data));
            indexes.put(id, index);
        }
        return index;
    }

    private List<Change> rewrite(List<Change> changes, Map<Change, Change> pairs) {
        Map<Change, Integer> renamed = new HashMap<>();
        java.util.Set<Change> usedSources = new java.util.HashSet<>(pairs.values());
        List<Change> result = new ArrayList<>();
        for (Change c : changes) {
            Change source = pairs.get(c);
            if (source != null) {
                boolean rename = source.kind().equals(Change.DELETE) && renamed.merge(source, 1, Integer::sum) == 1;
                result.add(Change.paired(rename ? Change.RENAME : Change.COPY, source, c));
            } else if (!(c.kind().equals(Change.DELETE) && usedSources.contains(c))) {
                result.add(c);
            }
        }
        result.sort(Comparator.comparing(Change::path));
        return result;
    }

    private static void pair(Change destination, Change source, Map<Change, Change> pairs, Map<Change, Integer> uses) {
        pairs.put(destination, source);
        uses.merge(source, 1, Integer::sum);
    }

    private static List<Change> remaining(List<Change> all, Map<Change, ?> taken) {
        return all.stream().filter(c -> !taken.containsKey(c)).toList();
    }

    private static Map<String, List<Change>> byName(List<Change> changes, java.util.function.Function<Change, String> path) {
        Map<String, List<Change>> result = new LinkedHashMap<>();
        for (Change c : changes) {
            result.computeIfAbsent(basename(path.apply(c)), k -> new ArrayList<>()).add(c);
        }
        return result;
    }

    private static boolean sameBasename(Change source, Change destination) {
        return basename(source.oldPath()).equals(basename(destination.newPath()));
    }

    private static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static boolean sameType(FileMode a, FileMode b) {
        return Change.isFile(a) == Change.isFile(b) && Change.isSymlink(a) == Change.isSymlink(b);
    }

    private static boolean gitlink(FileMode mode) {
        return mode == FileMode.GITLINK;
    }
}
