package dev.czar.evidence.bench;

import dev.czar.store.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH benchmark (run by {@link ImportThroughputBenchmark}, single-shot): one benchmark file loaded by H2's own
 * {@code CSVREAD} into a bare table and imported by {@code czar bench import}, each into a fresh file database per
 * iteration; then, on a database that already holds the file, the all-duplicates re-import and the dry run. Every
 * operation checks its own outcome (row counts) and fails the run when it is wrong.
 */
public class ImportJmh {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** The CSV file, its row count and a scratch directory for databases, all made by the launcher. */
    @State(Scope.Benchmark)
    public static class Input {
        @Param("")
        public String file;
        @Param("")
        public String work;
        @Param("0")
        public int rows;
    }

    /** A file database in a home of its own under the work directory, deleted with it. */
    static class FileDatabase {
        Database db;
        Path home;

        void create(Input in) throws Exception {
            home = Files.createDirectories(Path.of(in.work, "db-" + DATABASES.incrementAndGet()));
            db = Database.open(home);
        }

        void delete() throws Exception {
            db.close();
            deleteTree(home);
        }
    }

    /** A fresh, empty file database for every iteration. */
    @State(Scope.Benchmark)
    public static class Empty extends FileDatabase {
        @Setup(Level.Iteration)
        public void open(Input in) throws Exception {
            create(in);
        }

        @TearDown(Level.Iteration)
        public void close() throws Exception {
            delete();
        }
    }

    /** A file database that already holds the file (imported once per trial), for re-imports and dry runs. */
    @State(Scope.Benchmark)
    public static class Loaded extends FileDatabase {
        @Setup(Level.Trial)
        public void load(Input in) throws Exception {
            create(in);
            check(importer(db).importFiles(List.of(Path.of(in.file)), BenchFormat.CSV, false).inserted() == in.rows,
                    "the first import stored every row");
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            delete();
        }
    }

    @Benchmark
    public long csvread(Input in, Empty e) throws Exception {
        // CSVREAD is an admin function, refused to czar's own user: the baseline runs as the database owner
        try (Connection c = dev.czar.testsupport.DatabaseOwnerAccess.connect(e.home); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE csvread_load AS SELECT * FROM CSVREAD('" + in.file.replace("'", "''")
                    + "', NULL, 'charset=UTF-8')");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM csvread_load")) {
                rs.next();
                check(rs.getLong(1) == in.rows, "CSVREAD loaded every row");
                return rs.getLong(1);
            }
        }
    }

    @Benchmark
    public long czarImport(Input in, Empty e) {
        long inserted = importer(e.db).importFiles(List.of(Path.of(in.file)), BenchFormat.CSV, false).inserted();
        check(inserted == in.rows, "czar stored every row once");
        return inserted;
    }

    @Benchmark
    public long reimport(Input in, Loaded l) {
        ImportReport again = importer(l.db).importFiles(List.of(Path.of(in.file)), BenchFormat.CSV, false);
        check(again.inserted() == 0 && again.duplicates() == in.rows, "a re-import stored nothing");
        return again.duplicates();
    }

    @Benchmark
    public long dryRun(Input in, Loaded l) {
        ImportReport dry = importer(l.db).importFiles(List.of(Path.of(in.file)), BenchFormat.CSV, true);
        check(dry.duplicates() == in.rows, "a dry run found every row stored");
        return dry.duplicates();
    }

    private static BenchmarkImporter importer(Database db) {
        return new BenchmarkImporter(db, Clock.systemUTC());
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("wrong result: expected that " + what);
        }
    }

    /** A database of this benchmark is a few hundred MB: gone before the next iteration starts. */
    static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
