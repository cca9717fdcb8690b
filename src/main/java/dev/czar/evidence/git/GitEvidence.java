package dev.czar.evidence.git;

import dev.czar.config.GitConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Read-only evidence from one git repository: branches, where they stand against main, what they change,
 * and what landed. Every method reads the repository afresh, so answers follow the repository as it moves.
 */
public final class GitEvidence implements AutoCloseable {
    private final Repository repo;
    private final String mainBranchSetting;
    private final Optional<GitExecutable> cli;
    private final StateCache cache = new StateCache();

    private GitEvidence(Repository repo, String mainBranchSetting, Optional<GitExecutable> cli) {
        this.repo = repo;
        this.mainBranchSetting = mainBranchSetting;
        this.cli = cli;
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

    /** True when the repository has no commits on any branch yet. */
    public boolean isEmpty() {
        return branches().isEmpty();
    }

    /** Local branches, then remote-tracking branches, each with its head commit, by name. */
    public List<BranchInfo> branches() {
        try (RevWalk walk = new RevWalk(repo)) {
            List<BranchInfo> result = new ArrayList<>();
            collect(walk, Constants.R_HEADS, false, result);
            collect(walk, Constants.R_REMOTES, true, result);
            result.sort(Comparator.comparing(BranchInfo::remote).thenComparing(BranchInfo::name));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The branch others are compared with, resolved from {@code git.main-branch}. */
    public Optional<String> mainBranch() {
        if (!GitConfig.AUTO.equals(mainBranchSetting)) {
            return find(mainBranchSetting).map(BranchInfo::name);
        }
        for (String candidate : List.of("main", "master")) {
            if (find(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        try {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head != null && head.isSymbolic() && head.getTarget().getObjectId() != null) {
                return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String candidate : List.of("origin/main", "origin/master")) {
            if (find(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Explains why {@link #mainBranch()} is empty, naming the setting that fixes it. */
    public String missingMainExplanation() {
        if (!GitConfig.AUTO.equals(mainBranchSetting)) {
            return "the main branch '" + mainBranchSetting + "' set in git.main-branch does not exist in this repository";
        }
        return "this repository has neither 'main' nor 'master' and HEAD is detached; set git.main-branch"
                + " (env CZAR_GIT_MAIN_BRANCH) to the branch others are compared with";
    }

    /**
     * Finds a branch (or tag, {@code HEAD~n}, SHA prefix) by name as people type it, by {@link Revisions}' rules:
     * local first, then {@code <remote>/<name>}, tags, then a name exactly one remote has.
     *
     * @throws AmbiguousRevisionException when several remotes or objects match
     */
    public Optional<BranchInfo> find(String name) {
        try (RevWalk walk = new RevWalk(repo)) {
            Optional<Revisions.Resolved> resolved = new Revisions(repo).resolve(name);
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            RevCommit commit = walk.parseCommit(resolved.get().commit());
            return Optional.of(new BranchInfo(resolved.get().displayName(), resolved.get().remote(), toCommit(commit)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tag names, for recognising them in questions. */
    public List<String> tags() {
        try {
            return repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .map(r -> Repository.shortenRefName(r.getName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        BranchInfo info = require(branch);
        BranchInfo main = requireMain();
        try (RevWalk walk = new RevWalk(repo)) {
            return status(walk, info, main);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #status} for every branch except main itself, local branches first. History is read once for all
     * branches ({@link CommitGraph}: one {@code git rev-list}, or one JGit walk without git), and the answer is kept
     * until a branch head moves.
     */
    public List<BranchStatus> statusOfAll() {
        BranchInfo main = requireMain();
        List<BranchInfo> others = branches().stream().filter(b -> !b.name().equals(main.name())).toList();
        boolean shallow = isShallow();
        return cache.get(List.of("status", main, others, shallow), () -> {
            List<ObjectId> heads = new ArrayList<>();
            heads.add(ObjectId.fromString(main.head().sha()));
            others.forEach(b -> heads.add(ObjectId.fromString(b.head().sha())));
            CommitGraph graph = cli.isPresent() ? CommitGraph.fromGit(cli.get(), root(), heads) : jgitGraph(heads);
            java.util.BitSet onMain = graph.reachable(heads.get(0));
            List<BranchStatus> result = new ArrayList<>(others.size());
            for (int i = 0; i < others.size(); i++) {
                java.util.BitSet onBranch = graph.reachable(heads.get(i + 1));
                java.util.BitSet ahead = (java.util.BitSet) onBranch.clone();
                ahead.andNot(onMain);
                java.util.BitSet behind = (java.util.BitSet) onMain.clone();
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

    private BranchStatus status(RevWalk walk, BranchInfo info, BranchInfo main) throws IOException {
        RevCommit head = walk.parseCommit(ObjectId.fromString(info.head().sha()));
        RevCommit mainHead = walk.parseCommit(ObjectId.fromString(main.head().sha()));
        Count ahead = countOnlyOn(walk, head, mainHead);
        Count behind = countOnlyOn(walk, mainHead, head);
        // Only a walk that reached a root commit can mean no shared history; the merge-base walk is run just then.
        boolean related = ahead.count() == 0 || behind.count() == 0 || !(ahead.sawRoot() || behind.sawRoot())
                || hasMergeBase(walk, head, mainHead);
        return new BranchStatus(info, main, ahead.count(), behind.count(), ahead.count() == 0, related, isShallow());
    }

    private static boolean hasMergeBase(RevWalk walk, RevCommit a, RevCommit b) throws IOException {
        walk.reset();
        walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
        try {
            walk.markStart(a);
            walk.markStart(b);
            return walk.next() != null;
        } finally {
            walk.reset();
            walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.ALL);
        }
    }

    /** Whether the head of {@code branch} is reachable from main. */
    public boolean isMerged(String branch) {
        return status(branch).merged();
    }

    /** The diffstat of {@code git diff main..branch} (two-dot: the trees of both heads compared directly). */
    public DiffStat diffStat(String branch) {
        return diffStat(requireMain(), require(branch));
    }

    /** The diffstat of {@code git diff base..tip} for any two names {@link #find} resolves. */
    public DiffStat diffStat(String base, String tip) {
        return diffStat(require(base), require(tip));
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
        BranchInfo info = require(branch);
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(info.head().sha())));
            List<CommitInfo> result = new ArrayList<>();
            for (RevCommit commit : walk) {
                if (result.size() >= limit) {
                    break;
                }
                result.add(toCommit(commit));
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
        BranchInfo main = requireMain();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(ObjectId.fromString(main.head().sha())));
            List<CommitInfo> result = new ArrayList<>();
            for (RevCommit commit : walk) {
                Instant time = Instant.ofEpochSecond(commit.getCommitTime());
                if (time.isBefore(since) || result.size() >= limit) {
                    break;
                }
                result.add(toCommit(commit));
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
        try (RevWalk walk = new RevWalk(repo);
             ByteArrayOutputStream buffer = new ByteArrayOutputStream();
             DiffFormatter formatter = new DiffFormatter(buffer)) {
            formatter.setRepository(repo);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.setDetectRenames(true);
            RevCommit from = walk.parseCommit(resolveCommit(base));
            RevCommit to = walk.parseCommit(resolveCommit(tip));
            List<FilePatch> result = new ArrayList<>();
            for (DiffEntry entry : formatter.scan(from.getTree(), to.getTree())) {
                buffer.reset();
                formatter.format(entry);
                formatter.flush();
                boolean binary = formatter.toFileHeader(entry).getPatchType() != FileHeader.PatchType.UNIFIED;
                String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
                result.add(new FilePatch(path, entry.getChangeType().name(),
                        binary ? "" : buffer.toString(StandardCharsets.UTF_8), binary));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The newest common ancestor of two revisions (where {@code tip} left {@code base}), as a full sha; empty when
     * they share no history.
     */
    public Optional<String> mergeBase(String base, String tip) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(resolveCommit(base)));
            walk.markStart(walk.parseCommit(resolveCommit(tip)));
            RevCommit found = walk.next();
            return found == null ? Optional.empty() : Optional.of(found.getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectId resolveCommit(String revision) throws IOException {
        ObjectId id;
        try {
            id = repo.resolve(revision + "^{commit}");
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            id = null;
        }
        if (id == null) {
            throw new GitEvidenceException("no commit named '" + revision + "' (use a branch name, a sha or A..B)");
        }
        return id;
    }

    @Override
    public void close() {
        repo.close();
    }

    private BranchInfo require(String branch) {
        return find(branch).orElseThrow(() -> new GitEvidenceException("no branch named '" + branch + "'"));
    }

    private BranchInfo requireMain() {
        String main = mainBranch().orElseThrow(() -> new GitEvidenceException(missingMainExplanation()));
        return require(main);
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

    private void collect(RevWalk walk, String prefix, boolean remote, List<BranchInfo> out) throws IOException {
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            if (ref.isSymbolic() || ref.getObjectId() == null) {
                continue; // origin/HEAD is an alias, not a branch
            }
            out.add(toBranch(walk, ref, remote));
        }
    }

    private BranchInfo toBranch(RevWalk walk, Ref ref, boolean remote) throws IOException {
        RevCommit commit = walk.parseCommit(ref.getObjectId());
        return new BranchInfo(Repository.shortenRefName(ref.getName()), remote, toCommit(commit));
    }

    private static CommitInfo toCommit(RevCommit commit) {
        return new CommitInfo(commit.getName(), commit.getAuthorIdent().getName(),
                Instant.ofEpochSecond(commit.getCommitTime()), commit.getShortMessage());
    }
}
