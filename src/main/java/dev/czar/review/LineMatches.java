package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Shared shape of the line rules: one finding per file, at the first added line that
 * matches (removed lines have no place in the new file, so their findings name the file only). */
final class LineMatches {
    @FunctionalInterface
    interface FindingAt {
        Finding at(String file, Integer line);
    }

    private LineMatches() {
    }

    static List<Finding> added(List<FilePatch> files, Pattern pattern, FindingAt finding) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (!pattern.matcher(file.patch()).find()) {
                continue; // one scan of the whole patch is far cheaper than a matcher per line
            }
            PatchLines.of(file).added().stream().filter(l -> pattern.matcher(l.text()).find()).findFirst()
                    .ifPresent(l -> findings.add(finding.at(file.path(), l.number())));
        }
        return findings;
    }

    static List<Finding> removed(List<FilePatch> files, Pattern pattern, FindingAt finding) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (!pattern.matcher(file.patch()).find()) {
                continue;
            }
            PatchLines.of(file).removed().stream().filter(l -> pattern.matcher(l.text()).find()).findFirst()
                    .ifPresent(l -> findings.add(finding.at(file.path(), null)));
        }
        return findings;
    }
}
