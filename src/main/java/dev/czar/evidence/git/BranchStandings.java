package dev.czar.evidence.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Where branches stand against main: commits ahead and behind, merged or not, related at all. */
final class BranchStandings {
    private final Repository repo;
    private final Optional<GitExecutable> cli;
    private final Path root;
    private final StateCache cache;

    BranchStandings(Repository repo, Optional<GitExecutable> cli, Path root, StateCache cache) {
        this.repo = repo;
        this.cli = cli;
        this.root = root;
        this.cache = cache;
    }

    BranchStatus of(BranchInfo info, BranchInfo main, boolean shallow) {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(ObjectId.fromString(info.head().sha()));
            RevCommit mainHead = walk.parseCommit(ObjectId.fromString(main.head().sha()));
            Count ahead = countOnlyOn(walk, head, mainHead);
            Count behind = countOnlyOn(walk, mainHead, head);
            // Only a walk that reached a root commit can mean no shared history; the merge-base walk is run just then.
            boolean related = ahead.count() == 0 || behind.count() == 0 || !(ahead.sawRoot() || behind.sawRoot())
                    || hasMergeBase(walk, head, mainHead);
            return new BranchStatus(info, main, ahead.count(), behind.count(), ahead.count() == 0, related, shallow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One history read for every branch (one {@code git rev-list}, or one JGit walk), kept until a head moves. */
    List<BranchStatus> ofAll(BranchInfo main, List<BranchInfo> others, boolean shallow) {
        return cache.get(List.of("status", main, others, shallow), () -> {
            List<ObjectId> heads = new ArrayList<>();
            heads.add(ObjectId.fromString(main.head().sha()));
            others.forEach(b -> heads.add(ObjectId.fromString(b.head().sha())));
            CommitGraph graph = cli.isPresent() ? CommitGraph.fromGit(cli.get(), root, heads) : jgitGraph(heads);
            BitSet onMain = graph.reachable(heads.get(0));
            List<BranchStatus> result = new ArrayList<>(others.size());
            for (int i = 0; i < others.size(); i++) {
                BitSet onBranch = graph.reachable(heads.get(i + 1));
                BitSet ahead = (BitSet) onBranch.clone();
                ahead.andNot(onMain);
                BitSet behind = (BitSet) onMain.clone();
                behind.andNot(onBranch);
                result.add(new BranchStatus(others.get(i), main, ahead.cardinality(), behind.cardinality(),
                        ahead.isEmpty(), onBranch.intersects(onMain), shallow));
            }
            return List.copyOf(result);
        });
    }

    private CommitGraph jgitGraph(List<ObjectId> heads) {
        try {
            return CommitGraph.fromJGit(repo, heads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasMergeBase(RevWalk walk, RevCommit a, RevCommit b) throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        try {
            walk.markStart(a);
            walk.markStart(b);
            return walk.next() != null;
        } finally {
            walk.reset();
            walk.setRevFilter(RevFilter.ALL);
        }
    }

    private record Count(int count, boolean sawRoot) {
    }

    private static Count countOnlyOn(RevWalk walk, RevCommit include, RevCommit exclude) throws IOException {
        walk.reset(); // clears the marks of the previous count but keeps the commits already parsed
        walk.markStart(include);
        walk.markUninteresting(exclude);
        int count = 0;
        boolean sawRoot = false;
        for (RevCommit c = walk.next(); c != null; c = walk.next()) {
            count++;
            sawRoot |= c.getParentCount() == 0;
        }
        return new Count(count, sawRoot);
    }
}
