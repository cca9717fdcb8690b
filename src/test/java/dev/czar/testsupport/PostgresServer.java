package dev.czar.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * A throwaway PostgreSQL server for the tests (issue 23): {@code initdb} into {@code target/pg-<random>}, started on
 * loopback on a free port, one per test JVM, stopped and deleted when the JVM exits. Each test takes a fresh database
 * of its own ({@link #freshDatabaseUrl()}). The server binaries come from Debian's {@code postgresql} package
 * ({@code /usr/lib/postgresql/<version>/bin}, which {@code .ci/run} installs): missing on a developer machine, the
 * test is skipped and says so; missing in CI ({@code CI=true}), it fails. PostgreSQL refuses to run as root, so
 * under root the server runs as {@code nobody}, like {@link OtherAccount}.
 */
public final class PostgresServer {
    /** The superuser initdb creates; tests connect as it, with this password, over TCP. */
    public static final String USER = "czar_test";
    public static final String PASSWORD = "test-only-password";
    private static final String NOBODY = "65534";
    private static PostgresServer shared;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The server of this JVM, started on first use; skips (or, in CI, fails) the test without the binaries. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            Path bin = binaries();
            try {
                shared = start(bin);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start a test PostgreSQL from " + bin, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "czar-test-postgres-stop"));
        }
        return shared;
    }

    /** Whether this machine can run the PostgreSQL tests (they still fail in CI without it). */
    public static boolean installed() {
        return findBinaries() != null;
    }

    /** A new, empty database on the server: its JDBC URL (user {@link #USER}, password {@link #PASSWORD}). */
    public String freshDatabaseUrl() {
        String name = "czar_" + databases.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Path binaries() {
        Path bin = findBinaries();
        if (bin == null) {
            String why = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: the PostgreSQL store tests must run)");
            }
            Assumptions.abort(why);
        }
        return bin;
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code /usr/lib/postgresql/15/bin} is 15; a directory not named by a number sorts first. */
    private static int majorVersion(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d{1,4}") ? Integer.parseInt(name) : 0;
    }

    private static PostgresServer start(Path bin) throws IOException, InterruptedException {
        Path target = Path.of(System.getProperty("czar.test.home", "target/test-home")).toAbsolutePath().getParent();
        removeStale(target);
        Path dir = target.resolve("pg-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (asRoot()) {
            run(List.of("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()));
        }
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        int port = freePort();
        // throwaway data: no fsync; the socket file in the data dir, not in /var/run/postgresql
        String options = "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start"));
        return new PostgresServer(bin, dir, port);
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | InterruptedException | IllegalStateException ignored) {
            // already gone; the directory is removed either way
        }
        removeLater(dataDir);
    }

    /**
     * Removes a server's directory with {@code rm -rf} in a process of its own: the JVM may be halted before a walk
     * through a few hundred MB of databases would end, and a process it started goes on.
     */
    private static void removeLater(Path dir) {
        try {
            new ProcessBuilder("rm", "-rf", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException ignored) {
            // a leftover under target/ is removed by the next run (see removeStale) or a clean
        }
    }

    /** Directories of earlier runs whose server is not running (no {@code postmaster.pid}): an interrupted clean-up. */
    private static void removeStale(Path target) {
        try (Stream<Path> dirs = Files.list(target)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("pg-"))
                    .filter(d -> !Files.exists(d.resolve("data").resolve("postmaster.pid")))
                    .forEach(PostgresServer::removeLater);
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a server command, as {@code nobody} when this JVM is root; fails with its output if it fails. */
    private static void run(List<String> command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        if (asRoot() && !command.get(0).equals("chown")) {
            all.addAll(Files.isExecutable(Path.of("/usr/bin/setpriv"))
                    ? List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups")
                    : List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        }
        all.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(all).redirectErrorStream(true).directory(Path.of("/").toFile());
        builder.environment().put("HOME", "/tmp");
        Process p = builder.start();
        p.getOutputStream().close();
        // pg_ctl's server keeps no handle on this pipe (-l), so reading to the end returns once pg_ctl exits
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
