package dev.czar.workers;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeSet;

/**
 * Writes a merge commit of a branch into main with JGit, computed in core. The main ref moves only if it still
 * points where it pointed when the merge was computed. A working tree with main checked out is never left stale:
 * when it is the supervised repository's own checkout and has no uncommitted changes it is updated to the merge,
 * as {@code git merge} would; otherwise nothing is written and the refusal says which git command to run.
 */
final class BranchMerger {
    private final Repository repo;
    private final MainCheckouts checkouts;

    BranchMerger(Repository repo) {
        this.repo = repo;
        this.checkouts = new MainCheckouts(repo);
    }

    /** What was merged: the new main commit and its two parents. */
    record Merged(String mergeSha, String mainBefore, String branchHead) {
    }

    /**
     * Merges {@code branchHead} (the head of {@code branch}) into {@code main}.
     *
     * @throws WorkerException with a one-line reason when it cannot be done safely; nothing is changed then
     */
    Merged merge(String branch, String branchHead, String main, PersonIdent by, String message) {
        String mainRef = Constants.R_HEADS + main;
        String command = "git merge --no-ff " + branch;
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            Ref ref = repo.exactRef(mainRef);
            if (ref == null || ref.getObjectId() == null) {
                throw new WorkerException("main branch " + main + " does not exist");
            }
            RevCommit before = walk.parseCommit(ref.getObjectId());
            RevCommit head = walk.parseCommit(ObjectId.fromString(branchHead));
            if (walk.isMergedInto(head, before)) {
                throw new WorkerException(branch + " is already merged into " + main + "; the gate marks it DONE on its"
                        + " next check");
            }
            String other = checkouts.otherCheckout(main);
            if (other != null) {
                throw new WorkerException(main + " is checked out in " + other + ", which czar does not update; run '"
                        + command + "' there");
            }
            boolean ownCheckout = checkouts.ownCheckout(main);
            if (ownCheckout) {
                requireClean(main, command);
            }
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repo.getConfig());
            if (!merger.merge(before, head)) {
                TreeSet<String> files = new TreeSet<>(merger.getUnmergedPaths());
                if (merger.getFailingPaths() != null) {
                    files.addAll(merger.getFailingPaths().keySet());
                }
                throw new WorkerException(branch + " now conflicts with " + main + " at " + DoneGate.shortSha(before.name())
                        + " in " + String.join(", ", files) + "; nothing was merged");
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(merger.getResultTreeId());
            commit.setParentIds(before, head);
            commit.setAuthor(by);
            commit.setCommitter(by);
            commit.setMessage(message);
            ObjectId mergeId = inserter.insert(commit);
            inserter.flush();
            RevCommit merged = walk.parseCommit(mergeId);
            if (ownCheckout) {
                checkout(before, merged, main, command);
            }
            if (!moveRef(mainRef, before, merged, by, branch)) {
                if (ownCheckout) {
                    checkout(merged, before, main, command); // put the files back as they were
                }
                throw new WorkerException(main + " moved while czar was merging; nothing was merged, confirm again");
            }
            return new Merged(mergeId.name(), before.name(), head.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireClean(String main, String command) {
        try {
            Status status = Git.wrap(repo).status().call();
            if (status.hasUncommittedChanges()) {
                TreeSet<String> files = new TreeSet<>(status.getUncommittedChanges());
                throw new WorkerException(main + " is checked out in " + repo.getWorkTree() + " with uncommitted changes ("
                        + String.join(", ", files.stream().limit(5).toList()) + (files.size() > 5 ? ", ..." : "")
                        + "); commit or stash them, or run '" + command + "' there yourself");
            }
        } catch (GitAPIException e) {
            throw new WorkerException("cannot read the status of " + repo.getWorkTree() + ": " + e.getMessage(), e);
        }
    }

    /** Updates index and files of the own checkout from one tree to the other; refuses before writing on a clash. */
    private void checkout(RevCommit from, RevCommit to, String main, String command) throws IOException {
        DirCache index;
        try {
            index = repo.lockDirCache();
        } catch (LockFailedException e) {
            throw new WorkerException("the index of " + repo.getWorkTree() + " is locked by another git command; try"
                    + " again, or run '" + command + "' there");
        }
        DirCacheCheckout checkout = new DirCacheCheckout(repo, from.getTree(), index, to.getTree());
        checkout.setFailOnConflict(true);
        try {
            checkout.checkout();
        } catch (CheckoutConflictException e) {
            throw new WorkerException("the merge would overwrite files in " + repo.getWorkTree() + " ("
                    + String.join(", ", checkout.getConflicts()) + "); move them away, or run '" + command + "' there");
        }
    }

    private boolean moveRef(String mainRef, RevCommit before, RevCommit merged, PersonIdent by, String branch)
            throws IOException {
        RefUpdate update = repo.updateRef(mainRef);
        update.setExpectedOldObjectId(before);
        update.setNewObjectId(merged);
        update.setRefLogIdent(by);
        update.setRefLogMessage("merge " + branch + ": merged by czar", false);
        RefUpdate.Result result = update.update();
        return result == RefUpdate.Result.FAST_FORWARD || result == RefUpdate.Result.NEW;
    }
}
