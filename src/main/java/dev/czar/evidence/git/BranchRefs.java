package dev.czar.evidence.git;

import dev.czar.config.GitConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The names in a repository as people use them: its branches (local, then remote-tracking), its tags, which one is
 * main ({@code git.main-branch}), and any name a question may hold resolved to its commit.
 */
final class BranchRefs {
    private final Repository repo;
    private final String mainBranchSetting;

    BranchRefs(Repository repo, String mainBranchSetting) {
        this.repo = repo;
        this.mainBranchSetting = mainBranchSetting;
    }

    List<BranchInfo> all() {
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

    Optional<String> mainBranch() {
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

    String missingMainExplanation() {
        if (!GitConfig.AUTO.equals(mainBranchSetting)) {
            return "the main branch '" + mainBranchSetting + "' set in git.main-branch does not exist in this repository";
        }
        return "this repository has neither 'main' nor 'master' and HEAD is detached; set git.main-branch"
                + " (env CZAR_GIT_MAIN_BRANCH) to the branch others are compared with";
    }

    Optional<BranchInfo> find(String name) {
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

    List<String> tags() {
        try {
            return repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .map(r -> Repository.shortenRefName(r.getName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BranchInfo require(String branch) {
        return find(branch).orElseThrow(() -> new GitEvidenceException("no branch named '" + branch + "'"));
    }

    BranchInfo requireMain() {
        String main = mainBranch().orElseThrow(() -> new GitEvidenceException(missingMainExplanation()));
        return require(main);
    }

    private void collect(RevWalk walk, String prefix, boolean remote, List<BranchInfo> out) throws IOException {
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            if (ref.isSymbolic() || ref.getObjectId() == null) {
                continue; // origin/HEAD is an alias, not a branch
            }
            RevCommit commit = walk.parseCommit(ref.getObjectId());
            out.add(new BranchInfo(Repository.shortenRefName(ref.getName()), remote, toCommit(commit)));
        }
    }

    static CommitInfo toCommit(RevCommit commit) {
        return new CommitInfo(commit.getName(), commit.getAuthorIdent().getName(),
                Instant.ofEpochSecond(commit.getCommitTime()), commit.getShortMessage());
    }
}
