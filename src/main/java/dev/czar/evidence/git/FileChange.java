package dev.czar.evidence.git;

/**
 * One file in a diffstat.
 *
 * @param path     path after the change ({@code /dev/null} never appears: deletions keep the old path)
 * @param oldPath  path before the change, different from {@code path} only for renames and copies
 * @param change   {@code ADD}, {@code MODIFY}, {@code DELETE}, {@code RENAME} or {@code COPY}
 * @param added    lines added (0 for binary files)
 * @param deleted  lines deleted (0 for binary files)
 * @param binary   whether git would report the file as binary
 */
public record FileChange(String path, String oldPath, String change, int added, int deleted, boolean binary) {
}
