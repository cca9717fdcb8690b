package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Offline product rules: public API (signatures, REST routes), CLI flags, config keys, user-facing text, and docs/changelog for them. */
final class ProductRules {
    private static final Pattern STRINGS_FILE = Pattern.compile("(?i)((^|/)(i18n|locales?|lang|translations)/|messages[^/]*\\.properties$|strings\\.xml$|\\.po$)");
    private static final Pattern DOCS = Pattern.compile("(?i)((^|/)README[^/]*$|(^|/)CHANGELOG[^/]*$|(^|/)CHANGES[^/]*$|(^|/)docs?/|\\.md$|\\.adoc$)");

    private ProductRules() {
    }

    /** Changed or removed public methods and REST routes, with the old and the new form. */
    static List<Finding> publicApi(String persona, List<FilePatch> files) {
        return SurfaceChanges.publicApi(persona, files);
    }

    /** Changed or removed command-line flags (major), new ones (minor). */
    static List<Finding> cliFlags(String persona, List<FilePatch> files) {
        return SurfaceChanges.cliFlags(persona, files);
    }

    /** Renamed or removed keys of the software's own configuration files. */
    static List<Finding> configKeys(String persona, List<FilePatch> files) {
        return SurfaceChanges.configKeys(persona, files);
    }

    static List<Finding> userFacingStrings(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (STRINGS_FILE.matcher(file.path()).find() && !PatchLines.of(file).removed().isEmpty()) {
                findings.add(Finding.of(persona, Severity.MINOR, "User-facing text changed", file.path(), null,
                        "Check every locale was updated and the product owner agrees with the wording.", "user-facing-strings"));
            }
        }
        return findings;
    }

    /** Public API or CLI changes with no README, docs or changelog file touched in the same change. */
    static List<Finding> docsAndChangelog(String persona, List<FilePatch> files) {
        boolean docsTouched = files.stream().anyMatch(f -> DOCS.matcher(f.path()).find());
        if (docsTouched) {
            return List.of();
        }
        boolean surfaceChanged = !publicApi(persona, files).isEmpty() || !cliFlags(persona, files).isEmpty()
                || !configKeys(persona, files).isEmpty();
        if (!surfaceChanged) {
            return List.of();
        }
        return List.of(Finding.of(persona, Severity.MINOR, "User-visible change without docs or changelog update", null, null,
                "Update the README/docs and add a CHANGELOG entry for the changed API, flags or settings.", "docs-changelog"));
    }
}
