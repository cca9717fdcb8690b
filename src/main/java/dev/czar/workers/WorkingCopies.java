package dev.czar.workers;

import dev.czar.evidence.git.GitEvidenceException;
import dev.czar.evidence.git.GitExecutable;
import dev.czar.store.PrivateFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One isolated working copy per workstream, on its own branch created from main, under
 * {@code <home>/worktrees/<name>}. The supervised repository's own checkout is never touched: with the
 * {@code git} executable a linked {@code git worktree} is used (the branch is shared at once); without it a
 * JGit clone, whose branch is fetched back into the repository by {@link #sync}.
 */
public final class WorkingCopies {
    private final Repository repo;
    private final Path root;
    private final boolean useWorktree;

    /**
     * @param mode {@code auto}, {@code git-worktree} or {@code jgit-clone} ({@code workers.working-copies})
     */
    public WorkingCopies(Repository repo, Path home, String mode) {
        this.repo = repo;
        this.root = home.resolve("worktrees");
        this.useWorktree = switch (mode) {
            case "git-worktree" -> true;
            case "jgit-clone" -> false;
            default -> GitExecutable.onPath().isPresent();
        };
    }

    public Path dirOf(String name) {
        return root.resolve(name);
    }

    /** Creates the working copy if missing (branch from {@code mainSha}, or the existing branch) and returns it. */
    public Path prepare(Workstream ws, String mainSha) {
        Path dir = dirOf(ws.name());
        if (Files.exists(dir.resolve(".git"))) {
            return dir;
        }
        try {
            PrivateFiles.directory(root);
            boolean branchExists = repo.exactRef(Constants.R_HEADS + ws.branch()) != null;
            if (useWorktree) {
                Path top = repo.getWorkTree().toPath();
                git(top, "worktree", "prune");
                if (branchExists) {
                    git(top, "worktree", "add", dir.toString(), ws.branch());
                } else {
                    git(top, "worktree", "add", "-b", ws.branch(), dir.toString(), mainSha);
                }
                excludeTaskFile(repo.getDirectory().toPath());
            } else {
                clone(ws, mainSha, dir, branchExists);
            }
            return dir;
        } catch (IOException e) {
            throw new WorkerException("cannot create the working copy " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes the workstream's commits visible in the supervised repository (a no-op for linked worktrees). */
    public void sync(Workstream ws) {
        Path dir = dirOf(ws.name());
        if (useWorktree || !Files.exists(dir.resolve(".git"))) {
            return;
        }
        try (Git git = Git.wrap(repo)) {
            git.fetch().setRemote(dir.toUri().toString())
                    .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + ws.branch() + ":" + Constants.R_HEADS + ws.branch()))
                    .call();
        } catch (GitAPIException e) {
            throw new WorkerException("cannot fetch " + ws.branch() + " from its working copy: " + e.getMessage(), e);
        }
    }

    /** Removes the working copy; the branch and the logs stay. */
    public void remove(String name) {
        Path dir = dirOf(name);
        if (!Files.exists(dir)) {
            return;
        }
        if (useWorktree) {
            try {
                git(repo.getWorkTree().toPath(), "worktree", "remove", "--force", dir.toString());
                return;
            } catch (WorkerException e) {
                // not registered any more (pruned by hand); delete the directory below
            }
        }
        deleteTree(dir);
    }

    private void clone(Workstream ws, String mainSha, Path dir, boolean branchExists) {
        try (Git clone = Git.cloneRepository().setURI(repo.getDirectory().toURI().toString())
                .setDirectory(dir.toFile()).setNoCheckout(true).call()) {
            String start = branchExists ? Constants.R_REMOTES + "origin/" + ws.branch() : mainSha;
            if (!branchExists) { // main may be the remote's, known to the repository only as a remote-tracking ref
                clone.fetch().setRemote("origin").setRefSpecs(new RefSpec("+" + Constants.R_REMOTES + "*:refs/czar-upstream/*")).call();
            }
            clone.checkout().setCreateBranch(true).setName(ws.branch()).setStartPoint(start).call();
            excludeTaskFile(dir.resolve(".git"));
        } catch (GitAPIException e) {
            throw new WorkerException("cannot clone the repository into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** TASK.md is the worker's input, not its output: keep it out of {@code git add -A}. */
    private static void excludeTaskFile(Path gitDir) {
        Path exclude = gitDir.resolve("info").resolve("exclude");
        try {
            Files.createDirectories(exclude.getParent());
            String current = Files.exists(exclude) ? Files.readString(exclude) : "";
            if (!current.contains("/TASK.md")) {
                Files.writeString(exclude, (current.isEmpty() || current.endsWith("\n") ? "" : "\n")
                        + "# czar: task text given to workers\n/TASK.md\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code git -C dir args…}, its failure reported as the worker's ({@code git worktree} is beyond JGit). */
    private static void git(Path dir, String... args) {
        try {
            GitExecutable.onPath().orElseThrow(() -> new WorkerException("git is not on the PATH (needed for "
                    + "workers.working-copies: git-worktree)")).run(dir, args);
        } catch (GitEvidenceException e) {
            throw new WorkerException(e.getMessage(), e);
        }
    }
}
