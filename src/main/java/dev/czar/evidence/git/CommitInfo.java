package dev.czar.evidence.git;

import java.time.Instant;

/**
 * A commit as evidence.
 *
 * @param sha     full 40-hex object id
 * @param author  author name
 * @param time    commit time (what {@code git log --since} filters on)
 * @param subject first line of the message
 */
public record CommitInfo(String sha, String author, Instant time, String subject) {
    public String shortSha() {
        return sha.substring(0, 7);
    }
}
