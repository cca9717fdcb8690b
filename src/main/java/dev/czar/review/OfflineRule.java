package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.List;

/** One deterministic check over a change; findings are attributed to the persona that applied it. */
@FunctionalInterface
interface OfflineRule {
    List<Finding> apply(String persona, List<FilePatch> files);
}
