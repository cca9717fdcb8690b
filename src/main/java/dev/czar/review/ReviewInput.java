package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The material every persona reviews: the changed files' patches, or a proposal's text (then {@code files} is
 * empty). Kept unredacted in memory because the offline rules must see secrets to report them; everything that
 * leaves the process goes through the redactor first.
 */
public record ReviewInput(String label, List<FilePatch> files, String proposal) {
    public ReviewInput {
        files = List.copyOf(files);
        proposal = proposal == null ? "" : proposal;
    }

    public boolean isProposal() {
        return files.isEmpty() && !proposal.isEmpty();
    }

    public boolean isEmpty() {
        return files.isEmpty() && proposal.isEmpty();
    }

    /** SHA-256 over the content reviewed (not the label): the same change reviewed twice hashes the same. */
    public String hash() {
        MessageDigest digest = sha256();
        for (FilePatch file : files) {
            digest.update((file.path() + "\0" + file.change() + "\0").getBytes(StandardCharsets.UTF_8));
            digest.update(file.patch().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update(proposal.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
