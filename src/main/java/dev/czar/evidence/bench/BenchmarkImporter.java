package dev.czar.evidence.bench;

import dev.czar.UserError;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports benchmark result files (CSV, JSONL, logfmt) into the {@link BenchmarkStore} tables.
 *
 * <p>Guarantees: each file is imported in one transaction (a crash leaves either all of it or none); a record
 * already stored, or repeated in the input, is counted as a duplicate and not inserted again, so re-running an
 * import adds nothing; no content of a file aborts it: unusable records are rejected with file, line and reason;
 * a dry run reads the store but never writes to it.
 */
public final class BenchmarkImporter {
    static final int BATCH = 2000;

    private final Database db;
    private final Clock clock;
    private final int chunkRows;

    public BenchmarkImporter(Database db, Clock clock) {
        this(db, clock, MeasurementWriter.Transactional.CHUNK);
    }

    /** {@code chunkRows}: staged rows per bulk load (tests make it small to have loads under way in the middle of a file). */
    BenchmarkImporter(Database db, Clock clock, int chunkRows) {
        this.db = db;
        this.clock = clock;
        this.chunkRows = chunkRows;
    }

    /**
     * Imports the files in order.
     *
     * @param format the format of every file, or {@code null} to guess each from its extension
     * @throws UserError when a file does not exist or its format cannot be guessed
     */
    public ImportReport importFiles(List<Path> files, BenchFormat format, boolean dryRun) {
        List<BenchFormat> formats = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UserError("no such file: " + file);
            }
            formats.add(format != null ? format : BenchFormat.guess(file));
        }
        List<ImportReport> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            parts.add(importFile(files.get(i), formats.get(i), dryRun));
        }
        return ImportReport.combine(parts, dryRun);
    }

    private ImportReport importFile(Path file, BenchFormat format, boolean dryRun) {
        try (BufferedReader in = reader(file)) {
            return importRecords(file.getFileName().toString(), in, format, dryRun);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage() + " (nothing from it was imported)", e);
        }
    }

    /** Imports one stream of records in one transaction; {@code source} names it in run hashes and reports. */
    ImportReport importRecords(String source, BufferedReader in, BenchFormat format, boolean dryRun) throws IOException {
        // a dry run reads on its one connection; an import looks runs up on a second one (see MeasurementWriter)
        try (Connection c = db.connection(); Connection lookups = dryRun ? null : db.connection()) {
            c.setAutoCommit(false);
            try (MeasurementWriter writer = dryRun ? new MeasurementWriter.DryRun(c)
                    : new MeasurementWriter.Transactional(c, lookups, clock.instant(), chunkRows)) {
                Collector collector = new Collector(source, writer);
                RecordReader.of(format).read(in, collector);
                collector.flush();
                writer.finish();
                c.commit();
                ImportReport.FileSummary summary = new ImportReport.FileSummary(source, format.name().toLowerCase(java.util.Locale.ROOT),
                        collector.records, writer.inserted(), writer.duplicates(), collector.rejected.size(), collector.noted);
                return new ImportReport(writer.inserted(), writer.duplicates(), collector.rejected, dryRun, List.of(summary));
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("importing " + source + " (nothing from it was imported)", e);
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        // broken bytes become U+FFFD instead of aborting the file; the affected cells then fail validation
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
    }

    /** Validates records as they are read and hands them to the writer in batches. */
    private static final class Collector implements RecordSink {
        private final String source;
        private final MeasurementWriter writer;
        private final RecordValidator validator = new RecordValidator();
        private final List<Measurement> batch = new ArrayList<>(BATCH);
        private final List<ImportReport.Rejection> rejected = new ArrayList<>();
        private long records;
        private long noted;

        Collector(String source, MeasurementWriter writer) {
            this.source = source;
            this.writer = writer;
        }

        @Override
        public void record(int line, Map<String, String> fields) {
            records++;
            try {
                Measurement m = validator.validate(source, line, fields);
                if (m.notes() != null) {
                    noted++;
                }
                batch.add(m);
                if (batch.size() == BATCH) {
                    flush();
                }
            } catch (RecordValidator.Rejected e) {
                rejected.add(new ImportReport.Rejection(source, line, e.getMessage()));
            }
        }

        @Override
        public void reject(int line, String reason) {
            records++;
            rejected.add(new ImportReport.Rejection(source, line, reason));
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                for (MeasurementWriter.Refusal r : writer.write(batch)) {
                    rejected.add(new ImportReport.Rejection(source, r.measurement().line(), r.reason()));
                }
            } catch (SQLException e) {
                throw new StoreException("writing benchmark rows", e);
            }
            batch.clear();
        }
    }
}
