package dev.czar.review;

import dev.czar.evidence.git.FilePatch;
import dev.czar.review.SurfaceItem.Kind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Breaking changes to what users call or set: items of the old side of a patch that the new side no longer has.
 * One whose name (or hunk) the new side reuses was changed, and the finding shows both forms; one the change
 * declares again in another file was moved, not removed; the rest were removed.
 */
final class SurfaceChanges {
    private static final Map<Kind, String> MITIGATIONS = Map.of(
            Kind.METHOD, "Keep the old signature as a deprecated overload that delegates to the new one, or call out the"
                    + " breaking change in the changelog and bump the major version.",
            Kind.ROUTE, "Keep serving the old route (alias or redirect) for a release or version the API, and tell its clients.",
            Kind.FLAG, "Scripts that pass the old flag will break: keep it as a hidden alias for a release.",
            Kind.CONFIG_KEY, "Existing config files still set the old key: keep reading it as a deprecated alias (with a"
                    + " warning) for a release, and document the new one.");

    private static final int MAX_LISTED = 5;

    private record FileItems(String path, List<SurfaceItem> removed, List<SurfaceItem> added) {
    }

    private SurfaceChanges() {
    }

    static List<Finding> publicApi(String persona, List<FilePatch> files) {
        return findings(persona, files, Set.of(Kind.METHOD, Kind.ROUTE), SurfaceReader::isApiSource, SurfaceReader::read);
    }

    static List<Finding> cliFlags(String persona, List<FilePatch> files) {
        return findings(persona, files, Set.of(Kind.FLAG), SurfaceReader::isApiSource, SurfaceReader::read);
    }

    static List<Finding> configKeys(String persona, List<FilePatch> files) {
        return findings(persona, files, Set.of(Kind.CONFIG_KEY), ConfigKeys::isConfigFile, ConfigKeys::read);
    }

    private static List<Finding> findings(String persona, List<FilePatch> files, Set<Kind> kinds,
                                          java.util.function.Predicate<String> applies,
                                          BiFunction<String, List<PatchLines.SideLine>, List<SurfaceItem>> reader) {
        List<FileItems> changed = new ArrayList<>();
        for (FilePatch file : files) {
            if (file.binary() || !applies.test(file.path())) {
                continue;
            }
            PatchLines lines = PatchLines.of(file);
            List<SurfaceItem> before = reader.apply(file.path(), lines.before()).stream().filter(i -> kinds.contains(i.kind())).toList();
            List<SurfaceItem> after = reader.apply(file.path(), lines.after()).stream().filter(i -> kinds.contains(i.kind())).toList();
            List<SurfaceItem> removed = outermost(missingFrom(before, after));
            List<SurfaceItem> added = outermost(missingFrom(after, before));
            if (!removed.isEmpty() || !added.isEmpty()) {
                changed.add(new FileItems(file.path(), removed, added));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (FileItems file : changed) {
            findings.addAll(compare(persona, file, changed));
        }
        return findings;
    }

    private static List<Finding> compare(String persona, FileItems file, List<FileItems> all) {
        List<Finding> findings = new ArrayList<>();
        Set<SurfaceItem> paired = new HashSet<>();
        List<SurfaceItem> gone = new ArrayList<>();
        for (SurfaceItem old : file.removed()) {
            if (movedElsewhere(old, file, all)) {
                continue;
            }
            SurfaceItem now = file.added().stream().filter(a -> !paired.contains(a) && a.sharesNameWith(old)).findFirst()
                    .or(() -> file.added().stream().filter(a -> !paired.contains(a) && a.kind() == old.kind()
                            && a.hunk() == old.hunk() && sameParent(a, old)).findFirst())
                    .orElse(null);
            String title = "Breaking change: " + old.kind().label + " " + old.form();
            if (now != null) {
                paired.add(now);
                findings.add(Finding.of(persona, Severity.MAJOR, title + " changed to " + now.form(), file.path(), now.line(),
                        MITIGATIONS.get(old.kind()), old.kind().rule));
            } else {
                gone.add(old);
            }
        }
        for (Kind kind : Kind.values()) {
            List<SurfaceItem> ofKind = gone.stream().filter(i -> i.kind() == kind).toList();
            findings.addAll(removals(persona, file.path(), kind, ofKind));
        }
        for (SurfaceItem now : file.added()) {
            if (now.kind() == Kind.FLAG && !paired.contains(now)) {
                findings.add(Finding.of(persona, Severity.MINOR, "New command-line flag " + now.form(), file.path(), now.line(),
                        "Document it in --help and the README.", "cli-flags"));
            }
        }
        return findings;
    }

    /** One finding per removed item, or one for the file when a whole class or module went (more than five). */
    private static List<Finding> removals(String persona, String path, Kind kind, List<SurfaceItem> gone) {
        if (gone.size() <= MAX_LISTED) {
            return gone.stream().map(i -> Finding.of(persona, Severity.MAJOR, "Breaking change: " + kind.label + " " + i.form()
                    + " removed", path, null, MITIGATIONS.get(kind), kind.rule)).toList();
        }
        String some = String.join(", ", gone.stream().limit(MAX_LISTED).map(SurfaceItem::form).toList());
        return List.of(Finding.of(persona, Severity.MAJOR, "Breaking change: " + gone.size() + " " + kind.label + "s removed ("
                + some + ", ...)", path, null, MITIGATIONS.get(kind), kind.rule));
    }

    private static List<SurfaceItem> missingFrom(List<SurfaceItem> side, List<SurfaceItem> other) {
        return side.stream().filter(i -> other.stream().noneMatch(i::sameAs)).toList();
    }

    /** A renamed YAML section changes every key under it; the section is the change worth reporting. */
    private static List<SurfaceItem> outermost(List<SurfaceItem> items) {
        return items.stream().filter(i -> i.kind() != Kind.CONFIG_KEY || items.stream()
                .noneMatch(p -> p.kind() == Kind.CONFIG_KEY && i.form().startsWith(p.form() + "."))).toList();
    }

    /** Config keys are paired within one section; other kinds have no parent. */
    private static boolean sameParent(SurfaceItem a, SurfaceItem b) {
        return a.kind() != Kind.CONFIG_KEY || parent(a.form()).equals(parent(b.form()));
    }

    private static String parent(String key) {
        return key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
    }

    private static boolean movedElsewhere(SurfaceItem old, FileItems file, List<FileItems> all) {
        return all.stream().filter(f -> f != file).anyMatch(f -> f.added().stream().anyMatch(old::sameAs));
    }
}
