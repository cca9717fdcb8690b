package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Offline product rules: public API signatures, CLI flags, user-facing text, and docs/changelog for them. */
final class ProductRules {
    private static final Pattern JAVA_PUBLIC = Pattern.compile(
            "^\\s*public\\s+(?:static\\s+|final\\s+|abstract\\s+|synchronized\\s+|default\\s+|<[^>]+>\\s+)*[\\w<>\\[\\],.? ]+?\\s+(\\w+)\\s*\\(([^)]*)\\)?");
    private static final Pattern TS_EXPORT = Pattern.compile("^\\s*export\\s+(?:async\\s+)?function\\s+(\\w+)\\s*\\(([^)]*)\\)?");
    /** Top-level Python functions without a leading underscore are the module's public API. */
    private static final Pattern PY_DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z]\\w*)\\s*\\(([^)]*)\\)?");
    private static final Pattern CLI_FLAG = Pattern.compile("(@Option\\s*\\(\\s*names|add_argument\\(\\s*['\"]--|\\.option\\(\\s*['\"]--|flag\\.(String|Bool|Int)\\()");
    private static final Pattern STRINGS_FILE = Pattern.compile("(?i)((^|/)(i18n|locales?|lang|translations)/|messages[^/]*\\.properties$|strings\\.xml$|\\.po$)");
    private static final Pattern DOCS = Pattern.compile("(?i)((^|/)README[^/]*$|(^|/)CHANGELOG[^/]*$|(^|/)CHANGES[^/]*$|(^|/)docs?/|\\.md$|\\.adoc$)");
    private static final Pattern SOURCE = Pattern.compile("\\.(java|kt|ts|tsx|js|mjs|py)$");

    private ProductRules() {
    }

    static List<Finding> publicApi(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (!SOURCE.matcher(file.path()).find() || file.change().equals("ADD")) {
                continue;
            }
            PatchLines lines = PatchLines.of(file);
            Map<String, PatchLines.Line> addedByName = new LinkedHashMap<>();
            List<String> addedSignatures = new ArrayList<>();
            for (PatchLines.Line line : lines.added()) {
                signature(line.text()).ifPresent(sig -> {
                    addedByName.putIfAbsent(sig[0], line);
                    addedSignatures.add(sig[0] + "(" + sig[1] + ")");
                });
            }
            for (PatchLines.Line line : lines.removed()) {
                var sig = signature(line.text());
                if (sig.isEmpty() || addedSignatures.contains(sig.get()[0] + "(" + sig.get()[1] + ")")) {
                    continue;
                }
                String name = sig.get()[0];
                PatchLines.Line now = addedByName.get(name);
                findings.add(now != null
                        ? Finding.of(persona, Severity.MAJOR, "Public API signature changed: " + name + "(" + sig.get()[1] + ")",
                        file.path(), now.number(), "Keep the old signature as a deprecated overload, or call out the breaking"
                                + " change in the changelog and bump the major version.", "public-api")
                        : Finding.of(persona, Severity.MAJOR, "Public API removed: " + name + "(" + sig.get()[1] + ")",
                        file.path(), null, "Deprecate before removing, and call it out in the changelog.", "public-api"));
            }
        }
        return findings;
    }

    static List<Finding> cliFlags(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(LineMatches.removed(files, CLI_FLAG, (file, line) -> Finding.of(persona, Severity.MAJOR,
                "Command-line flag removed or renamed", file, line,
                "Scripts that pass the old flag will break: keep it as a hidden alias for a release.", "cli-flags")));
        findings.addAll(LineMatches.added(files, CLI_FLAG, (file, line) -> Finding.of(persona, Severity.MINOR,
                "New command-line flag", file, line, "Document it in --help and the README.", "cli-flags")));
        return findings;
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
        boolean surfaceChanged = !publicApi(persona, files).isEmpty() || !cliFlags(persona, files).isEmpty();
        if (!surfaceChanged) {
            return List.of();
        }
        return List.of(Finding.of(persona, Severity.MINOR, "User-visible change without docs or changelog update", null, null,
                "Update the README/docs and add a CHANGELOG entry for the changed API or flags.", "docs-changelog"));
    }

    /** {name, normalised parameter list} of a public method or exported function declared on this line. */
    private static java.util.Optional<String[]> signature(String line) {
        for (Pattern pattern : List.of(JAVA_PUBLIC, TS_EXPORT, PY_DEF)) {
            Matcher m = pattern.matcher(line);
            if (m.find() && !line.contains(" class ") && !line.contains(" record ") && !line.contains(" interface ")
                    && !line.contains(" enum ")) {
                return java.util.Optional.of(new String[]{m.group(1), m.group(2).replaceAll("\\s+", " ").strip()});
            }
        }
        return java.util.Optional.empty();
    }
}
