package dev.czar.evidence.bench;

import dev.czar.store.Database;
import dev.czar.testsupport.PostgresServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.PGConnection;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * JMH benchmark (run by {@link ImportPostgresBenchmark}, single-shot, issue 23): the same benchmark file imported by
 * {@code czar bench import} into a fresh H2 file database and into a fresh PostgreSQL database (the {@code COPY}
 * path), and PostgreSQL's own {@code COPY} of the file into a bare table as that store's baseline, as CSVREAD is
 * H2's. The server is {@link PostgresServer} on loopback, started once per fork outside the timed code.
 */
public class ImportPostgresJmh {

    /** A fresh, empty PostgreSQL database (migrated, like a new store) for every iteration, dropped after it. */
    @State(Scope.Benchmark)
    public static class EmptyServer {
        String url;
        Database db;

        @Setup(Level.Iteration)
        public void open() {
            url = PostgresServer.shared().freshDatabaseUrl();
            db = Database.openServer(url, PostgresServer.USER, PostgresServer.PASSWORD);
        }

        @TearDown(Level.Iteration)
        public void drop() throws Exception {
            db.close();
            String name = url.substring(url.lastIndexOf('/') + 1);
            try (Connection c = DriverManager.getConnection(PostgresServer.shared().url("postgres"), PostgresServer.USER,
                    PostgresServer.PASSWORD); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + name);
            }
        }
    }

    @Benchmark
    public long h2Import(ImportJmh.Input in, ImportJmh.Empty e) {
        return imported(e.db, in);
    }

    @Benchmark
    public long postgresImport(ImportJmh.Input in, EmptyServer e) {
        return imported(e.db, in);
    }

    /** PostgreSQL's bulk load of the file as it is: text columns, no validation, no index, one COPY. */
    @Benchmark
    public long postgresCopy(ImportJmh.Input in, EmptyServer e) throws Exception {
        try (Connection c = DriverManager.getConnection(e.url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement st = c.createStatement(); Reader file = Files.newBufferedReader(Path.of(in.file), StandardCharsets.UTF_8)) {
            st.execute("CREATE TABLE copy_load (timestamp text, commit text, branch text, benchmark text, variant text,"
                    + " iteration text, metric text, value text, unit text, host text, cpu_temp_c text)");
            long rows = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY copy_load FROM STDIN (FORMAT csv, HEADER true)", file);
            check(rows == in.rows, "COPY loaded every row");
            return rows;
        }
    }

    private static long imported(Database db, ImportJmh.Input in) {
        long inserted = new BenchmarkImporter(db, Clock.systemUTC())
                .importFiles(List.of(Path.of(in.file)), BenchFormat.CSV, false).inserted();
        check(inserted == in.rows, "czar stored every row once");
        return inserted;
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("wrong result: expected that " + what);
        }
    }
}
