package dev.czar.evidence.git;

import org.eclipse.jgit.lib.ObjectId;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts {@code git diff A B} with the git executable itself ({@code --raw --numstat -z}): git's own rename rules
 * and limits from the repository's config, and git's own xdiff line pairing, which JGit's Myers does not reproduce on
 * every file (on spring-petclinic's {@code mvnw.cmd} git counts +158 −165 where JGit counts +137 −144). {@code --raw}
 * says what happened to each file, {@code --numstat} its lines, in the same order; git's rename-limit warning on
 * stderr gives the limit it suggests.
 */
final class CliDiff {
    private static final Pattern SUGGESTED_LIMIT = Pattern.compile("diff\\.renameLimit variable to at least (\\d+)");

    private final GitExecutable git;
    private final Path dir;

    CliDiff(GitExecutable git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    TreeDiff.Result diff(ObjectId from, ObjectId to) {
        GitExecutable.Output out = git.exec(dir, null, "diff", "--no-ext-diff", "--no-color", "--raw", "--numstat", "-z",
                from.name(), to.name());
        if (out.exit() != 0) {
            throw new GitEvidenceException("git diff failed: " + out.stderr().strip().lines().findFirst().orElse("exit " + out.exit()));
        }
        Matcher limit = SUGGESTED_LIMIT.matcher(out.stderr());
        return new TreeDiff.Result(parse(out.stdout()), limit.find() ? Integer.parseInt(limit.group(1)) : 0);
    }

    /** Raw records ({@code :modes ids STATUS\0path\0[path\0]}) first, then numstat records in the same order. */
    static List<FileChange> parse(byte[] output) {
        String[] fields = new String(output, StandardCharsets.UTF_8).split("\0", -1);
        List<String> kinds = new ArrayList<>();
        int i = 0;
        while (i < fields.length && fields[i].startsWith(":")) {
            String status = fields[i].substring(fields[i].lastIndexOf(' ') + 1);
            String kind = kind(status.charAt(0));
            kinds.add(kind);
            i += kind.equals(Change.RENAME) || kind.equals(Change.COPY) ? 3 : 2;
        }
        List<FileChange> files = new ArrayList<>(kinds.size());
        while (i < fields.length && !fields[i].isEmpty()) {
            String[] counts = fields[i].split("\t", 3);
            String oldPath;
            String path;
            if (counts[2].isEmpty()) { // a rename or copy: both paths follow
                oldPath = fields[++i];
                path = fields[++i];
            } else {
                oldPath = counts[2];
                path = counts[2];
            }
            boolean binary = counts[0].equals("-");
            String kind = files.size() < kinds.size() ? kinds.get(files.size()) : Change.MODIFY;
            files.add(new FileChange(path, oldPath, kind, binary ? 0 : Integer.parseInt(counts[0]),
                    binary ? 0 : Integer.parseInt(counts[1]), binary));
            i++;
        }
        if (files.size() != kinds.size()) {
            throw new IllegalStateException("git diff --raw listed " + kinds.size() + " files but --numstat " + files.size());
        }
        return files;
    }

    private static String kind(char status) {
        return switch (status) {
            case 'A' -> Change.ADD;
            case 'D' -> Change.DELETE;
            case 'R' -> Change.RENAME;
            case 'C' -> Change.COPY;
            default -> Change.MODIFY; // M, and T (a file that became a symlink or back)
        };
    }
}
