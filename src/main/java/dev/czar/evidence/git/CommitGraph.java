package dev.czar.evidence.git;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commits reachable from a set of heads, each with its parents, read once: ahead/behind of many branches against
 * main is then set arithmetic on the commits each head reaches, instead of two history walks per branch (which is
 * what {@code git rev-list --left-right --count} per branch costs). In a shallow clone the shallow commits have no
 * parents here, as in git's own walks.
 */
final class CommitGraph {
    private final Map<AnyObjectId, Integer> index;
    private final int[][] parents;

    private CommitGraph(Map<AnyObjectId, Integer> index, int[][] parents) {
        this.index = index;
        this.parents = parents;
    }

    /** Reads the graph with one {@code git rev-list --parents --stdin}, heads given on stdin. */
    static CommitGraph fromGit(GitExecutable git, Path dir, Collection<? extends AnyObjectId> heads) {
        StringBuilder stdin = new StringBuilder();
        heads.forEach(h -> stdin.append(h.name()).append('\n'));
        GitExecutable.Output out = git.exec(dir, stdin.toString().getBytes(StandardCharsets.US_ASCII),
                "rev-list", "--parents", "--stdin");
        if (out.exit() != 0) {
            throw new GitEvidenceException("git rev-list failed: " + out.stderr().strip().lines().findFirst().orElse("exit " + out.exit()));
        }
        String[] lines = out.text().split("\n");
        List<ObjectId[]> rows = new ArrayList<>(lines.length);
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String[] ids = line.split(" ");
            ObjectId[] row = new ObjectId[ids.length];
            for (int i = 0; i < ids.length; i++) {
                row[i] = ObjectId.fromString(ids[i]);
            }
            rows.add(row);
        }
        return of(rows);
    }

    /** Reads the graph with one JGit walk from all heads (no git executable). */
    static CommitGraph fromJGit(Repository repo, Collection<? extends AnyObjectId> heads) throws IOException {
        List<ObjectId[]> rows = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(false);
            for (AnyObjectId head : heads) {
                walk.markStart(walk.parseCommit(head));
            }
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                ObjectId[] row = new ObjectId[1 + c.getParentCount()];
                row[0] = c.copy();
                for (int i = 0; i < c.getParentCount(); i++) {
                    row[i + 1] = c.getParent(i).copy();
                }
                rows.add(row);
            }
        }
        return of(rows);
    }

    /** Each row: a commit, then its parents. */
    private static CommitGraph of(List<ObjectId[]> rows) {
        Map<AnyObjectId, Integer> index = new HashMap<>(rows.size() * 2);
        for (ObjectId[] row : rows) {
            index.put(row[0], index.size());
        }
        int[][] parents = new int[rows.size()][];
        for (ObjectId[] row : rows) {
            int[] p = new int[row.length - 1];
            int n = 0;
            for (int i = 1; i < row.length; i++) {
                Integer parent = index.get(row[i]);
                if (parent != null) {
                    p[n++] = parent;
                }
            }
            parents[index.get(row[0])] = n == p.length ? p : java.util.Arrays.copyOf(p, n);
        }
        return new CommitGraph(index, parents);
    }

    int size() {
        return parents.length;
    }

    /** The commits {@code head} reaches (itself included), as indices; empty when the head was not read. */
    BitSet reachable(AnyObjectId head) {
        BitSet seen = new BitSet(parents.length);
        Integer start = index.get(head);
        if (start == null) {
            return seen;
        }
        int[] stack = new int[Math.max(16, parents.length)];
        int top = 0;
        stack[top++] = start;
        seen.set(start);
        while (top > 0) {
            int c = stack[--top];
            for (int p : parents[c]) {
                if (!seen.get(p)) {
                    seen.set(p);
                    stack[top++] = p; // each commit is pushed at most once, so the stack never outgrows the graph
                }
            }
        }
        return seen;
    }
}
