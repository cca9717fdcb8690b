package dev.czar.workers.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The git directories a commit in a working copy writes to: its {@code .git} directory, or for a linked
 * {@code git worktree} (whose {@code .git} is a file) the worktree's private git dir and the repository's
 * common dir, where objects and branches live.
 */
final class CodexGitDirs {
    private CodexGitDirs() {
    }

    static List<Path> of(Path workingCopy) {
        Path dotGit = workingCopy.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return List.of(dotGit.toAbsolutePath().normalize());
        }
        if (!Files.isRegularFile(dotGit)) {
            return List.of();
        }
        try {
            String pointer = Files.readString(dotGit).trim();
            if (!pointer.startsWith("gitdir:")) {
                return List.of();
            }
            Path gitDir = workingCopy.resolve(pointer.substring("gitdir:".length()).trim()).toAbsolutePath()
                    .normalize();
            Set<Path> dirs = new LinkedHashSet<>(List.of(gitDir));
            Path commonDirFile = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonDirFile)) {
                dirs.add(gitDir.resolve(Files.readString(commonDirFile).trim()).toAbsolutePath().normalize());
            }
            return List.copyOf(dirs);
        } catch (IOException e) {
            return List.of(); // an unreadable pointer: Codex's own default applies, commits fail visibly
        }
    }
}
