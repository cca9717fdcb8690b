package dev.czar.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one way czar creates anything under its home: directories {@code 0700}, files {@code 0600}, whatever the
 * umask, so that other accounts on the machine can read neither the state database, its credential, nor worker
 * output (which may carry secrets). Existing entries are tightened, never loosened. On a file system without POSIX
 * permissions (Windows) files are created the ordinary way.
 */
public final class PrivateFiles {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) owner-only, or tightens it if it exists; returns it. */
    public static Path directory(Path dir) throws IOException {
        if (!POSIX) {
            return Files.createDirectories(dir);
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        Files.setPosixFilePermissions(dir, DIRECTORY); // the umask may have masked the attribute, or it existed
        return dir;
    }

    /** Writes {@code text} (UTF-8) to an owner-only file, replacing its content. */
    public static void write(Path file, String text) throws IOException {
        try (OutputStream out = open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes {@code text} to an owner-only file that must not exist yet. */
    public static void writeNew(Path file, String text) throws IOException {
        try (OutputStream out = open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An output stream appending to an owner-only file (created if missing). */
    public static OutputStream append(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Creates an empty owner-only file if missing, or tightens the existing one (for files others will write). */
    public static void touch(Path file) throws IOException {
        open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
    }

    /**
     * Tightens {@code root} and everything below it to owner-only: directories {@code 0700}, regular files
     * {@code 0600}. Symbolic links are neither followed nor changed. A missing {@code root} is no error.
     */
    public static void tighten(Path root) {
        if (!POSIX || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, DIRECTORY);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        Files.setPosixFilePermissions(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted meanwhile (a worker's log rolled, H2's temp file)
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + root + " private: " + e.getMessage(), e);
        }
    }

    private static OutputStream open(Path file, OpenOption... options) throws IOException {
        if (!POSIX) {
            return Files.newOutputStream(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> owner = PosixFilePermissions.asFileAttribute(FILE);
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, Set.of(options), owner));
        try {
            Files.setPosixFilePermissions(file, FILE); // an existing file keeps its mode on open
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return out;
    }
}
