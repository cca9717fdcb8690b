package dev.czar.evidence.git;

import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a name as people type it, by git's revision rules in the order a chat question needs: a local branch, a
 * remote-tracking branch written {@code <remote>/<name>}, a tag, then a bare name that exactly one remote has
 * (git's checkout rule, so {@code spring-ai} finds {@code origin/spring-ai} in a fresh clone), then {@code HEAD},
 * {@code X~n} / {@code X^} and SHA prefixes. A name that several remotes or objects match is ambiguous.
 */
final class Revisions {
    private static final Pattern SHA_PREFIX = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final Pattern ANCESTRY = Pattern.compile(".*[~^].*|HEAD|@");

    /** What a name resolved to: the ref it names (null for a SHA or ancestry expression) and the commit. */
    record Resolved(String displayName, Ref ref, ObjectId commit) {
        boolean remote() {
            return ref != null && ref.getName().startsWith(Constants.R_REMOTES);
        }
    }

    private final Repository repo;

    Revisions(Repository repo) {
        this.repo = repo;
    }

    /**
     * @throws AmbiguousRevisionException when several remotes or objects match
     */
    Optional<Resolved> resolve(String name) throws IOException {
        if (name.isBlank()) {
            return Optional.empty();
        }
        for (String prefix : List.of(Constants.R_HEADS, Constants.R_REMOTES, Constants.R_TAGS)) {
            Ref ref = repo.exactRef(prefix + name);
            if (ref != null && ref.getObjectId() != null) {
                return commitOf(ref).map(id -> new Resolved(Repository.shortenRefName(ref.getName()), ref, id));
            }
        }
        List<Ref> remotes = new ArrayList<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
            if (!ref.isSymbolic() && ref.getName().endsWith("/" + name)
                    && ref.getName().indexOf('/', Constants.R_REMOTES.length()) == ref.getName().length() - name.length() - 1) {
                remotes.add(ref);
            }
        }
        if (remotes.size() == 1) {
            Ref ref = remotes.get(0);
            return commitOf(ref).map(id -> new Resolved(Repository.shortenRefName(ref.getName()), ref, id));
        }
        if (remotes.size() > 1) {
            throw new AmbiguousRevisionException(name, remotes.stream().map(r -> Repository.shortenRefName(r.getName())).toList());
        }
        if (ANCESTRY.matcher(name).matches() || SHA_PREFIX.matcher(name).matches()) {
            return expression(name);
        }
        return Optional.empty();
    }

    private Optional<Resolved> expression(String name) throws IOException {
        try {
            ObjectId id = repo.resolve(name + "^{commit}");
            return Optional.ofNullable(id).map(commit -> new Resolved(name, null, commit));
        } catch (AmbiguousObjectException e) {
            throw new AmbiguousRevisionException(name, e.getCandidates().stream().map(c -> c.abbreviate(10).name()).sorted().toList());
        } catch (RevisionSyntaxException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return Optional.empty();
        }
    }

    private Optional<ObjectId> commitOf(Ref ref) throws IOException {
        try {
            return Optional.ofNullable(repo.resolve(ref.getName() + "^{commit}"));
        } catch (RevisionSyntaxException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return Optional.empty(); // a tag of a tree or blob names no commit
        }
    }
}
