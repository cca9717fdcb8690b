package dev.czar.testsupport;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A real git repository in a temp dir, built with JGit, with fixed identities and a fixed clock that advances one
 * minute per commit, so SHAs are repeatable. Tests never see the developer's git config (surefire points
 * {@code user.home} at an empty dir) or the project's own checkout.
 */
public final class TempGitRepo implements AutoCloseable {
    public static final Instant EPOCH = Instant.parse("2026-11-02T09:00:00Z");

    private final Git git;
    private final Path dir;
    private Instant clock;

    private TempGitRepo(Git git, Path dir, Instant start) {
        this.git = git;
        this.dir = dir;
        this.clock = start;
    }

    /** A new repository whose first branch is {@code initialBranch}; no commits yet. */
    public static TempGitRepo init(Path dir, String initialBranch) {
        return init(dir, initialBranch, EPOCH);
    }

    public static TempGitRepo init(Path dir, String initialBranch, Instant start) {
        try {
            Files.createDirectories(dir);
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(initialBranch).call();
            return new TempGitRepo(git, dir, start);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An existing repository (a clone made by the test), committing with the same fixed identities and clock. */
    public static TempGitRepo open(Path dir) {
        try {
            return new TempGitRepo(Git.open(dir.toFile()), dir, EPOCH.plusSeconds(3600));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    /** Writes the files (path → content; {@code null} content deletes) and commits them on the current branch. */
    public String commit(String message, Map<String, String> files) {
        return commitAs("Alice Example", "alice@example.com", message, files);
    }

    public String commitAs(String author, String email, String message, Map<String, String> files) {
        try {
            for (var file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                if (file.getValue() == null) {
                    Files.deleteIfExists(path);
                    git.rm().addFilepattern(file.getKey()).call();
                } else {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                    git.add().addFilepattern(file.getKey()).call();
                }
            }
            PersonIdent who = new PersonIdent(author, email, tick(), ZoneOffset.UTC);
            RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who)
                    .setAllowEmpty(true).setSign(false).call();
            return commit.getName();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates {@code name} at the current HEAD and checks it out. */
    public TempGitRepo branch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public TempGitRepo checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges {@code branch} into the current branch with a merge commit (no fast-forward). */
    public String merge(String branch) {
        try {
            ObjectId other = git.getRepository().resolve("refs/heads/" + branch);
            var result = git.merge().include(other).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(false).call();
            if (!result.getMergeStatus().isSuccessful()) {
                throw new IllegalStateException("merge of " + branch + " failed: " + result.getMergeStatus());
            }
            PersonIdent who = new PersonIdent("Alice Example", "alice@example.com", tick(), ZoneOffset.UTC);
            return git.commit().setMessage("Merge branch '" + branch + "'").setAuthor(who).setCommitter(who)
                    .setSign(false).call().getName();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points HEAD directly at a commit (detached HEAD). */
    public TempGitRepo detach(String sha) {
        try {
            git.checkout().setName(sha).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void deleteBranch(String name) {
        try {
            git.branchDelete().setBranchNames(name).setForce(true).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant tick() {
        clock = clock.plusSeconds(60);
        return clock;
    }

    @Override
    public void close() {
        git.close();
    }
}
