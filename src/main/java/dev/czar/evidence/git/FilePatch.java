package dev.czar.evidence.git;

/**
 * One file's unified patch between two commits, as {@code git diff} prints it.
 *
 * @param path   path after the change (deletions keep the old path)
 * @param change {@code ADD}, {@code MODIFY}, {@code DELETE}, {@code RENAME} or {@code COPY}
 * @param patch  the unified diff text of this file, headers included; empty for binary files
 * @param binary whether git would report the file as binary
 */
public record FilePatch(String path, String change, String patch, boolean binary) {
}
