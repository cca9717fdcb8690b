package dev.czar.store;

import dev.czar.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where one home keeps its database ({@code <home>/db/czar.mv.db}, H2's lock file, the credential), and whether
 * a missing database is a fresh start or a loss: a home that already has working copies or worker logs once had
 * a database, so starting an empty one there would silently forget its workstreams.
 */
final class DatabaseHome {
    /** An MVStore file starts with two 4 KiB header blocks; anything shorter was cut. */
    private static final long SMALLEST_DATABASE = 8192;

    private final Path home;
    private final Path dir;

    private DatabaseHome(Path home, Path dir) {
        this.home = home;
        this.dir = dir;
    }

    /** The database location of {@code home}; creates {@code <home>/db} owner-only. */
    static DatabaseHome of(Path home) {
        Path root = home.toAbsolutePath().normalize();
        Path dir = root.resolve("db");
        try {
            PrivateFiles.directory(dir);
        } catch (IOException e) {
            throw new UserError("cannot create state directory " + dir + ": " + e.getMessage()
                    + " (pick another with --home)", e);
        }
        return new DatabaseHome(root, dir);
    }

    Path dir() {
        return dir;
    }

    /** The H2 file name without its {@code .mv.db} suffix. */
    Path base() {
        return dir.resolve("czar");
    }

    Path file() {
        return dir.resolve("czar.mv.db");
    }

    /** @throws UserError when the database file is missing or cut short under a home that was used */
    void requireDatabaseOrFreshHome() {
        Path file = file();
        try {
            if (Files.exists(file) && Files.size(file) < SMALLEST_DATABASE) {
                throw new UserError("the czar database " + file + " is truncated (" + Files.size(file) + " bytes): "
                        + recovery());
            }
        } catch (IOException e) {
            throw new UserError("cannot read the czar database " + file + ": " + e.getMessage(), e);
        }
        if (!Files.exists(file) && (hasEntries(home.resolve("worktrees")) || hasEntries(home.resolve("workers")))) {
            throw new UserError("the czar database " + file + " is missing but " + home
                    + " has worktrees or worker logs: " + recovery());
        }
    }

    /** What to do about a lost or damaged database, in the words every such error uses. */
    String recovery() {
        return "restore it from a backup, or move " + home + " aside (or pick another with --home) to start afresh";
    }

    /** H2 creates its files with the process umask: make them owner-only like the rest of the home. */
    void tighten() {
        PrivateFiles.tighten(dir);
    }

    private static boolean hasEntries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return true; // unreadable is not empty: refuse rather than start afresh
        }
    }
}
