package dev.czar.store;

import dev.czar.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * czar's home ({@code --home}, default {@code ./.czar}) as only its owner can open it. A home made before issue 18
 * followed the umask (often world-readable): its database, logs, worker logs, status file and task files are
 * tightened here on every start. The working copies' own files keep their modes (scripts stay executable); the
 * owner-only home and {@code worktrees/} directories keep other accounts out of them.
 */
public final class HomeDirectory {
    private HomeDirectory() {
    }

    /** Creates or tightens {@code home} and what czar wrote under it; returns its absolute path. */
    public static Path prepare(Path home) {
        Path dir = home.toAbsolutePath().normalize();
        try {
            PrivateFiles.directory(dir);
            Path ignore = dir.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                // the state dir often sits inside the supervised repository; keep it out of its status
                PrivateFiles.write(ignore, "*\n");
            }
            for (String entry : new String[] {"db", "logs", "workers", "status.json", ".gitignore"}) {
                PrivateFiles.tighten(dir.resolve(entry));
            }
            tightenWorktrees(dir.resolve("worktrees"));
            return dir;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError("cannot use state directory " + dir + ": " + e.getMessage() + " (pick another with --home)", e);
        }
    }

    private static void tightenWorktrees(Path worktrees) throws IOException {
        if (!Files.isDirectory(worktrees)) {
            return;
        }
        PrivateFiles.directory(worktrees);
        try (Stream<Path> copies = Files.list(worktrees)) {
            copies.forEach(copy -> PrivateFiles.tighten(copy.resolve("TASK.md")));
        }
    }
}
