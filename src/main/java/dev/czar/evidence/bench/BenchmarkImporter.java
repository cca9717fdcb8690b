package dev.czar.evidence.bench;

import dev.czar.UserError;
import dev.czar.config.BenchConfig;
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

    /** Rejections listed per file: beyond this they are counted, so a file of garbage lines cannot fill the heap. */
    static final int MAX_LISTED_REJECTIONS = 1000;

    private final Database db;
    private final Clock clock;
    private final int chunkRows;
    private final long maxFileBytes;
    private final int maxLineChars;

    public BenchmarkImporter(Database db, Clock clock) {
        this(db, clock, BenchConfig.DEFAULT_MAX_IMPORT_BYTES, BenchConfig.DEFAULT_MAX_LINE_CHARS);
    }

    /**
     * @param maxFileBytes {@code bench.max-import-bytes}: larger files are refused before anything is read
     * @param maxLineChars {@code bench.max-line-chars}: longer lines are rejected unread
     */
    public BenchmarkImporter(Database db, Clock clock, long maxFileBytes, int maxLineChars) {
        this(db, clock, MeasurementWriter.Transactional.CHUNK, maxFileBytes, maxLineChars);
    }

    /** {@code chunkRows}: staged rows per bulk load (tests make it small to have loads under way in the middle of a file). */
    BenchmarkImporter(Database db, Clock clock, int chunkRows) {
        this(db, clock, chunkRows, BenchConfig.DEFAULT_MAX_IMPORT_BYTES, BenchConfig.DEFAULT_MAX_LINE_CHARS);
    }

    private BenchmarkImporter(Database db, Clock clock, int chunkRows, long maxFileBytes, int maxLineChars) {
        this.db = db;
        this.clock = clock;
        this.chunkRows = chunkRows;
        this.maxFileBytes = maxFileBytes;
        this.maxLineChars = maxLineChars;
    }

    /**
     * Imports the files in order.
     *
     * @param format the format of every file, or {@code null} to guess each from its extension
     * @throws UserError when a file does not exist, is over {@code bench.max-import-bytes} or its format cannot be guessed
     */
    public ImportReport importFiles(List<Path> files, BenchFormat format, boolean dryRun) {
        List<BenchFormat> formats = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UserError("no such file: " + file);
            }
            checkSize(file);
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
            return importRecords(file.getFileName().toString(), in, format, dryRun, maxLineChars);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage() + " (nothing from it was imported)", e);
        }
    }

    private void checkSize(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw new UserError(file + " is " + size + " bytes, over bench.max-import-bytes (" + maxFileBytes
                        + "); nothing was imported (split the file, or raise the limit in czar.yaml or CZAR_BENCH_MAX_IMPORT_BYTES)");
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports one stream of records in one transaction; {@code source} names it in run hashes and reports. Lines are
     * not length-checked: a caller handing its own reader bounds it (files go through {@code bench.max-line-chars}).
     */
    ImportReport importRecords(String source, BufferedReader in, BenchFormat format, boolean dryRun) throws IOException {
        return importRecords(source, in, format, dryRun, 0);
    }

    /** @param maxLineChars longest line read; longer ones are rejected unread ({@code 0}: no limit) */
    private ImportReport importRecords(String source, BufferedReader in, BenchFormat format, boolean dryRun, int maxLineChars)
            throws IOException {
        // a dry run reads on its one connection; an import looks runs up on a second one (see MeasurementWriter)
        try (Connection c = db.connection(); Connection lookups = dryRun ? null : db.connection()) {
            c.setAutoCommit(false);
            try (MeasurementWriter writer = dryRun ? new MeasurementWriter.DryRun(c)
                    : new MeasurementWriter.Transactional(c, lookups, clock.instant(), chunkRows, db.vendor())) {
                Collector collector = new Collector(source, writer);
                BufferedReader lines = maxLineChars <= 0 ? in : new LineLimitedReader(in, maxLineChars,
                        line -> collector.reject(line, "is longer than bench.max-line-chars (" + maxLineChars + ")"));
                RecordReader.of(format).read(lines, collector);
                collector.flush();
                writer.finish();
                c.commit();
                ImportReport.FileSummary summary = new ImportReport.FileSummary(source, format.name().toLowerCase(java.util.Locale.ROOT),
                        collector.records, writer.inserted(), writer.duplicates(), collector.rejectedCount, collector.noted);
                return new ImportReport(writer.inserted(), writer.duplicates(), collector.listed(), dryRun, List.of(summary));
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
        private long rejectedCount;
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
                rejected(line, e.getMessage());
            }
        }

        @Override
        public void reject(int line, String reason) {
            records++;
            rejected(line, reason);
        }

        private void rejected(int line, String reason) {
            rejectedCount++;
            if (rejected.size() < MAX_LISTED_REJECTIONS) {
                rejected.add(new ImportReport.Rejection(source, line, reason));
            }
        }

        /** The listed rejections, and one line for the ones only counted. */
        List<ImportReport.Rejection> listed() {
            if (rejectedCount == rejected.size()) {
                return rejected;
            }
            List<ImportReport.Rejection> all = new ArrayList<>(rejected);
            all.add(new ImportReport.Rejection(source, 0, (rejectedCount - rejected.size())
                    + " more records rejected, not listed (the first " + MAX_LISTED_REJECTIONS + " are)"));
            return all;
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                for (MeasurementWriter.Refusal r : writer.write(batch)) {
                    rejected(r.measurement().line(), r.reason());
                }
            } catch (SQLException e) {
                throw new StoreException("writing benchmark rows", e);
            }
            batch.clear();
        }
    }
}
