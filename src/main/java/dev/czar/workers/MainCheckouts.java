package dev.czar.workers;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a branch is checked out: in the supervised repository's own working tree, or in another working tree of
 * the same repository ({@code git worktree}), whose files czar must not change behind its owner's back.
 */
final class MainCheckouts {
    private final Repository repo;

    MainCheckouts(Repository repo) {
        this.repo = repo;
    }

    /** Whether the working tree czar opened has {@code branch} checked out. */
    boolean ownCheckout(String branch) throws IOException {
        return !repo.isBare() && (Constants.R_HEADS + branch).equals(repo.getFullBranch());
    }

    /** Another working tree of this repository with {@code branch} checked out, or {@code null}. */
    String otherCheckout(String branch) {
        String wanted = "ref: " + Constants.R_HEADS + branch;
        Path common = repo.getCommonDirectory().toPath();
        Path self = repo.getDirectory().toPath();
        try {
            if (!common.equals(self) && wanted.equals(read(common.resolve("HEAD")))) {
                return common.getParent().toString(); // czar runs in a linked worktree; the main one has it
            }
            Path linked = common.resolve("worktrees");
            if (!Files.isDirectory(linked)) {
                return null;
            }
            try (var dirs = Files.list(linked)) {
                for (Path dir : dirs.filter(d -> !d.equals(self)).toList()) {
                    if (wanted.equals(read(dir.resolve("HEAD")))) {
                        String gitdir = read(dir.resolve("gitdir"));
                        return gitdir.isEmpty() ? dir.toString() : Path.of(gitdir).getParent().toString();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
    }
}
