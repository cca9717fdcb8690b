package dev.czar.workers;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What git says about workstream branches, read with JGit from the supervised repository: heads, commits since
 * the branch was created, what changed, whether it is merged, and whether two commits would merge cleanly. The
 * merge is computed in core: no working tree and no ref is touched.
 */
public final class BranchFacts {
    private final Repository repo;
    /** issue 19: the remote whose main counts ({@code git.remote}), kept fetched by the supervisor; null = local. */
    private final String remote;

    public BranchFacts(Repository repo) {
        this(repo, null);
    }

    /** Reads main as {@code remote} has it (when fetched), e.g. {@code refs/remotes/origin/main}; null: the local main. */
    BranchFacts(Repository repo, String remote) {
        this.repo = repo;
        this.remote = remote;
    }

    /**
     * The main branch work starts from and is compared with: the remote's, as last fetched, when there is one;
     * otherwise the local branch.
     */
    public Optional<String> mainHead(String main) {
        return remoteMain(main).or(() -> head(main));
    }

    /** How {@link #mainHead} is named in reports: {@code origin/main} or {@code main}. */
    public String mainLabel(String main) {
        return remoteMain(main).isPresent() ? remote + "/" + main : main;
    }

    /** Whether {@code sha} is in main: the remote's (a merged pull request) or the local one (a local merge). */
    public boolean merged(String sha, String main) {
        return remoteMain(main).map(m -> reachable(sha, m)).orElse(false)
                || head(main).map(m -> reachable(sha, m)).orElse(false);
    }

    private Optional<String> remoteMain(String main) {
        String name = remote;
        if (name == null) {
            return Optional.empty();
        }
        try {
            Ref ref = repo.exactRef(Constants.R_REMOTES + name + "/" + main);
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One changed file with the lines the branch added to it (and their 1-based numbers in the new file) and the
     * lines it removed: what task fit reads and what a model's citations of "path:line" are checked against.
     */
    public record Change(String path, List<String> addedLines, List<Integer> addedLineNumbers, List<String> removedLines) {
        public Change {
            addedLines = List.copyOf(addedLines);
            addedLineNumbers = List.copyOf(addedLineNumbers);
            removedLines = List.copyOf(removedLines);
        }

        /** Added lines only, numbered from 1 (what callers that only read added names need). */
        public Change(String path, List<String> addedLines) {
            this(path, addedLines, java.util.stream.IntStream.rangeClosed(1, addedLines.size()).boxed().toList(), List.of());
        }
    }

    public Optional<String> head(String branch) {
        try {
            Ref ref = repo.exactRef(Constants.R_HEADS + branch);
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits reachable from {@code tip} but not from {@code base}. */
    public int commitsSince(String base, String tip) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(false);
            walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(base)));
            int n = 0;
            while (walk.next() != null) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code sha} is reachable from {@code into}. */
    public boolean reachable(String sha, String into) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(sha)), walk.parseCommit(ObjectId.fromString(into)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Full messages of the commits reachable from {@code tip} but not from {@code base}, newest first (at most {@code max}). */
    public List<String> messages(String base, String tip, int max) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(base)));
            List<String> messages = new ArrayList<>();
            for (RevCommit c = walk.next(); c != null && messages.size() < max; c = walk.next()) {
                messages.add(c.getFullMessage().strip());
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Full messages of the newest {@code max} commits reachable from {@code branch} (none when it does not exist). */
    public List<String> recentMessages(String branch, int max) {
        Optional<String> tip = head(branch);
        if (tip.isEmpty()) {
            return List.of();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(tip.get())));
            List<String> messages = new ArrayList<>();
            for (RevCommit c = walk.next(); c != null && messages.size() < max; c = walk.next()) {
                messages.add(c.getFullMessage());
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files changed between two commits, with the lines added in each (binary files have none). */
    public List<Change> changes(String base, String tip) {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
             DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repo);
            RevCommit a = walk.parseCommit(ObjectId.fromString(base));
            RevCommit b = walk.parseCommit(ObjectId.fromString(tip));
            List<Change> result = new ArrayList<>();
            for (DiffEntry entry : diff.scan(a.getTree(), b.getTree())) {
                String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
                if (entry.getOldMode() == org.eclipse.jgit.lib.FileMode.GITLINK
                        || entry.getNewMode() == org.eclipse.jgit.lib.FileMode.GITLINK) {
                    result.add(new Change(path, List.of())); // a submodule pointer has no lines here
                    continue;
                }
                List<String> added = new ArrayList<>();
                List<Integer> numbers = new ArrayList<>();
                List<String> removed = new ArrayList<>();
                RawText after = text(reader, entry.getChangeType() == DiffEntry.ChangeType.DELETE ? null : entry.getNewId());
                RawText before = text(reader, entry.getChangeType() == DiffEntry.ChangeType.ADD ? null : entry.getOldId());
                if (after != null || before != null) {
                    for (Edit edit : diff.toFileHeader(entry).toEditList()) {
                        for (int i = edit.getBeginB(); after != null && i < edit.getEndB(); i++) {
                            added.add(after.getString(i));
                            numbers.add(i + 1);
                        }
                        for (int i = edit.getBeginA(); before != null && i < edit.getEndA(); i++) {
                            removed.add(before.getString(i));
                        }
                    }
                }
                result.add(new Change(path, added, numbers, removed));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a blob, or null when there is none (added/deleted side) or it is binary. */
    private static RawText text(ObjectReader reader, org.eclipse.jgit.lib.AbbreviatedObjectId id) throws IOException {
        if (id == null || id.toObjectId().equals(ObjectId.zeroId())) {
            return null;
        }
        byte[] bytes = reader.open(id.toObjectId()).getBytes();
        return RawText.isBinary(bytes) ? null : new RawText(bytes);
    }

    /**
     * The files that would conflict if {@code ours} and {@code theirs} were merged, from an in-core recursive
     * merge; empty when they merge cleanly.
     */
    public List<String> conflicts(String ours, String theirs) {
        try {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
            boolean clean = merger.merge(ObjectId.fromString(ours), ObjectId.fromString(theirs));
            if (clean) {
                return List.of();
            }
            TreeSet<String> files = new TreeSet<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) {
                files.addAll(merger.getFailingPaths().keySet());
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
