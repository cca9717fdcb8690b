package dev.czar.evidence.git;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Between any two revisions git understands: the unified patch per file, and where the two histories meet. */
final class Patches {
    private final Repository repo;

    Patches(Repository repo) {
        this.repo = repo;
    }

    List<FilePatch> between(String base, String tip) {
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

    Optional<String> mergeBase(String base, String tip) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
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
        } catch (RevisionSyntaxException | AmbiguousObjectException e) {
            id = null;
        }
        if (id == null) {
            throw new GitEvidenceException("no commit named '" + revision + "' (use a branch name, a sha or A..B)");
        }
        return id;
    }
}
