package dev.czar.chat;

/**
 * One fact an answer was built from, traceable to its source.
 *
 * @param source {@code git}, {@code ci}, {@code bench}, {@code worker} or {@code review}
 * @param ref    the full identifier in that source: a commit SHA, a CI run id, a row id
 * @param detail a short human description, e.g. "head of feature-x"
 * @param url    a link to the source when one exists, else {@code null}
 */
public record Evidence(String source, String ref, String detail, String url) {
    public static Evidence git(String sha, String detail) {
        return new Evidence("git", sha, detail, null);
    }
}
