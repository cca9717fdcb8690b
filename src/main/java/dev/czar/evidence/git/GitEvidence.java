package dev.czar.evidence.git;

import dev.czar.config.GitConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only evidence from one git repository: branches, where they stand against main, what they change,
 * and what landed. Every method reads the repository afresh, so answers follow the repository as it moves.
 * It is also the repository's one JGit access point (issue 22): it opens the one {@link Repository}, lends it to
 * whoever else reads or fetches this repository ({@link #repository()}), and closes it once, in {@link #close()}.
 */
public final class GitEvidence implements AutoCloseable {
    private final Repository repo;
    private final Optional<GitExecutable> cli;
    private final StateCache cache = new StateCache();
    private final BranchRefs refs;
    private final BranchStandings standings;
    private final Patches patches;

    private GitEvidence(Repository repo, String mainBranchSetting, Optional<GitExecutable> cli) {
        this.repo = repo;
        this.cli = cli;
        this.refs = new BranchRefs(repo, mainBranchSetting);
        this.standings = new BranchStandings(repo, cli, root(), cache);
        this.patches = new Patches(repo);
    }

    /**
     * Opens the repository containing {@code path} (searching upwards, as {@code git} does).
     *
     * @throws GitEvidenceException when {@code path} is not inside a git repository
     */
    public static GitEvidence open(Path path, GitConfig config) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new GitEvidenceException("not a directory: " + dir + " (point --repo at a git repository)");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            throw new GitEvidenceException("not a git repository: " + dir + " (point --repo at one, or run 'git init')");
        }
        Optional<GitExecutable> cli = GitExecutable.of(config.executable());
        try {
            return new GitEvidence(builder.setMustExist(true).build(), config.mainBranch(), cli);
        } catch (IOException | IllegalArgumentException e) {
            throw new GitEvidenceException("cannot open git repository at " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The working tree (or git dir, for bare repositories). */
    public Path root() {
        return (repo.isBare() ? repo.getDirectory() : repo.getWorkTree()).toPath();
    }

    /**
     * The one JGit {@link Repository} of this repository, for the other features that read or fetch it (workers'
     * branch facts and working copies, the remote's fetches and pushes). Borrowed, never closed by them: it is
     * closed with this object.
     */
    public Repository repository() {
        return repo;
    }

    /** True when the repository has no commits on any branch yet. */
    public boolean isEmpty() {
        return branches().isEmpty();
    }

    /** Local branches, then remote-tracking branches, each with its head commit, by name. */
    public List<BranchInfo> branches() {
        return refs.all();
    }

    /** The branch others are compared with, resolved from {@code git.main-branch}. */
    public Optional<String> mainBranch() {
        return refs.mainBranch();
    }

    /** Explains why {@link #mainBranch()} is empty, naming the setting that fixes it. */
    public String missingMainExplanation() {
        return refs.missingMainExplanation();
    }

    /**
     * Finds a branch (or tag, {@code HEAD~n}, SHA prefix) by name as people type it, by {@link Revisions}' rules:
     * local first, then {@code <remote>/<name>}, tags, then a name exactly one remote has.
     *
     * @throws AmbiguousRevisionException when several remotes or objects match
     */
    public Optional<BranchInfo> find(String name) {
        return refs.find(name);
    }

    /** Tag names, for recognising them in questions. */
    public List<String> tags() {
        return refs.tags();
    }

    /** True in a shallow clone: history stops at the shallow commits, so counts are a lower bound. */
    public boolean isShallow() {
        try {
            return !repo.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@code branch} stands against main: ahead/behind counts and whether it is merged. */
    public BranchStatus status(String branch) {
        BranchInfo info = refs.require(branch);
        BranchInfo main = refs.requireMain();
        return standings.of(info, main, isShallow());
    }

    /**
     * {@link #status} for every branch except main itself, local branches first. History is read once for all
     * branches ({@link CommitGraph}: one {@code git rev-list}, or one JGit walk without git), and the answer is kept
     * until a branch head moves.
     */
    public List<BranchStatus> statusOfAll() {
        BranchInfo main = refs.requireMain();
        List<BranchInfo> others = branches().stream().filter(b -> !b.name().equals(main.name())).toList();
        return standings.ofAll(main, others, isShallow());
    }

    /** Whether the head of {@code branch} is reachable from main. */
    public boolean isMerged(String branch) {
        return status(branch).merged();
    }

    /** The diffstat of {@code git diff main..branch} (two-dot: the trees of both heads compared directly). */
    public DiffStat diffStat(String branch) {
        return diffStat(refs.requireMain(), refs.require(branch));
    }

    /** The diffstat of {@code git diff base..tip} for any two names {@link #find} resolves. */
    public DiffStat diffStat(String base, String tip) {
        return diffStat(refs.require(base), refs.require(tip));
    }

    /**
     * Counted by the git executable when there is one (git's own rename rules and line pairing), else by JGit
     * ({@link TreeDiff}: git's rename rules, but JGit's Myers pairs lines differently on some files); kept while
     * the two heads and the repository's diff settings stay the same.
     */
    private DiffStat diffStat(BranchInfo main, BranchInfo info) {
        ObjectId baseId = ObjectId.fromString(main.head().sha());
        ObjectId tipId = ObjectId.fromString(info.head().sha());
        DiffRules rules = DiffRules.of(repo.getConfig());
        TreeDiff.Result result = cache.get(List.of("diff", baseId, tipId, rules, cli.isPresent()), () -> {
            if (cli.isPresent()) {
                return new CliDiff(cli.get(), root()).diff(baseId, tipId);
            }
            try (RevWalk walk = new RevWalk(repo)) {
                return new TreeDiff(walk.getObjectReader(), rules)
                        .diff(walk.parseCommit(baseId).getTree(), walk.parseCommit(tipId).getTree());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new DiffStat(main, info, result.files(), result.neededLimit(), cli.isPresent());
    }

    /** The latest {@code limit} commits reachable from {@code branch}, newest first. */
    public List<CommitInfo> recentCommits(String branch, int limit) {
        BranchInfo info = refs.require(branch);
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(info.head().sha())));
            List<CommitInfo> result = new ArrayList<>();
            for (RevCommit commit : walk) {
                if (result.size() >= limit) {
                    break;
                }
                result.add(BranchRefs.toCommit(commit));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits that landed on main since {@code since}, following first parents only (a merged branch shows as
     * its merge commit), newest first, at most {@code limit}.
     */
    public List<CommitInfo> landedSince(Instant since, int limit) {
        BranchInfo main = refs.requireMain();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(ObjectId.fromString(main.head().sha())));
            List<CommitInfo> result = new ArrayList<>();
            for (RevCommit commit : walk) {
                Instant time = Instant.ofEpochSecond(commit.getCommitTime());
                if (time.isBefore(since) || result.size() >= limit) {
                    break;
                }
                result.add(BranchRefs.toCommit(commit));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The unified patch of {@code git diff base..tip} (two-dot), one entry per file; {@code base} and {@code tip}
     * are any revisions git understands (branch, sha, {@code HEAD~2}).
     *
     * @throws GitEvidenceException when a revision does not name a commit
     */
    public List<FilePatch> patches(String base, String tip) {
        return patches.between(base, tip);
    }

    /**
     * The newest common ancestor of two revisions (where {@code tip} left {@code base}), as a full sha; empty when
     * they share no history.
     */
    public Optional<String> mergeBase(String base, String tip) {
        return patches.mergeBase(base, tip);
    }

    @Override
    public void close() {
        repo.close();
    }
}
