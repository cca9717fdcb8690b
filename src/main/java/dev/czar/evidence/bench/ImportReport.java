package dev.czar.evidence.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did (or, with {@code dry_run}, would do). Serialised as the stable {@code bench import --json}
 * object {@code {"inserted", "duplicates", "rejected": [{"file","line","reason"}], "dry_run"}}.
 *
 * @param inserted   metric rows added
 * @param duplicates records already in the store (or earlier in the same import), skipped
 * @param rejected   records that could not be stored, with the reason
 * @param dryRun     whether nothing was written
 * @param files      per-file summary, for the text report
 */
public record ImportReport(long inserted, long duplicates, List<Rejection> rejected, boolean dryRun,
                           @JsonIgnore List<FileSummary> files) {
    public ImportReport {
        rejected = List.copyOf(rejected);
        files = List.copyOf(files);
    }

    /** A record that was not stored. {@code line} is 0 when the problem concerns the whole file. */
    public record Rejection(String file, int line, String reason) {
    }

    /**
     * @param notedRows rows stored with at least one optional cell set to NULL (reason in their notes)
     */
    public record FileSummary(String file, String format, long records, long inserted, long duplicates, long rejected,
                              long notedRows) {
    }

    static ImportReport combine(List<ImportReport> parts, boolean dryRun) {
        long inserted = 0;
        long duplicates = 0;
        List<Rejection> rejected = new ArrayList<>();
        List<FileSummary> files = new ArrayList<>();
        for (ImportReport p : parts) {
            inserted += p.inserted;
            duplicates += p.duplicates;
            rejected.addAll(p.rejected);
            files.addAll(p.files);
        }
        return new ImportReport(inserted, duplicates, rejected, dryRun, files);
    }

    /** Every rejected record, listed or only counted. */
    public long rejectedCount() {
        return files.isEmpty() ? rejected.size() : files.stream().mapToLong(FileSummary::rejected).sum();
    }

    /** Whether records were read and every one of them was rejected. */
    @JsonIgnore
    public boolean everyRecordRejected() {
        return inserted == 0 && duplicates == 0 && rejectedCount() > 0;
    }

    /** The human report: one line per file, then every rejected record. */
    public String render() {
        StringBuilder out = new StringBuilder(dryRun ? "Dry run, nothing written. Would insert " : "Inserted ")
                .append(inserted).append(inserted == 1 ? " row" : " rows").append(", ")
                .append(duplicates).append(duplicates == 1 ? " duplicate" : " duplicates").append(" skipped, ")
                .append(rejectedCount()).append(" rejected.");
        for (FileSummary f : files) {
            out.append("\n  ").append(f.file()).append(" (").append(f.format()).append("): ").append(f.records())
                    .append(" records, ").append(f.inserted()).append(dryRun ? " new" : " inserted").append(", ")
                    .append(f.duplicates()).append(" duplicate, ").append(f.rejected()).append(" rejected");
            if (f.notedRows() > 0) {
                out.append(", ").append(f.notedRows()).append(" with optional cells stored as NULL (reasons kept in the row notes)");
            }
            if (f.records() == 0 && f.rejected() == 0) {
                out.append("  (no records: empty or header only)");
            }
        }
        int shown = 0;
        for (Rejection r : rejected) {
            if (shown++ == 50) {
                out.append("\n  … and ").append(rejectedCount() - 50).append(" more rejected (use --json for the first "
                        + BenchmarkImporter.MAX_LISTED_REJECTIONS + " of each file)");
                break;
            }
            out.append("\n  rejected ").append(r.file()).append(':').append(r.line()).append(": ").append(r.reason());
        }
        return out.toString();
    }
}
