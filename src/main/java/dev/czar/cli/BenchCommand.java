package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.chat.Json;
import dev.czar.evidence.bench.BenchFormat;
import dev.czar.evidence.bench.BenchRow;
import dev.czar.evidence.bench.BenchText;
import dev.czar.evidence.bench.Comparison;
import dev.czar.evidence.bench.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code czar bench import|show|compare|chart}: thin adapters over the benchmark store. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark results: import files, show latest/history, compare refs, draw trend charts.",
        subcommands = {BenchCommand.Import.class, BenchCommand.Show.class, BenchCommand.Compare.class, BenchCommand.Chart.class})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CzarCommand.USAGE;
    }

    /** Shared plumbing of the subcommands: start the app, print. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Override
        public Integer call() {
            try (CzarApp app = bench.parent.start(global)) {
                PrintWriter out = spec.commandLine().getOut();
                int code = run(app, out);
                out.flush();
                return code;
            }
        }

        abstract int run(CzarApp app, PrintWriter out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import benchmark results (CSV with header, JSONL, logfmt). Re-importing adds nothing.")
    static final class Import extends Sub {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Result files.")
        List<Path> files;

        @Option(names = "--format", paramLabel = "csv|jsonl|log", description = "Format of every file (default: from the extension).")
        String format;

        @Option(names = "--dry-run", description = "Validate and report what would be inserted, skipped and rejected; write nothing.")
        boolean dryRun;

        @Override
        int run(CzarApp app, PrintWriter out) {
            ImportReport report = app.bench().importer().importFiles(files, format == null ? null : BenchFormat.parse(format), dryRun);
            out.println(json ? Json.write(report) : report.render());
            if (report.everyRecordRejected()) {
                // a CI step importing garbage must not go green
                out.flush();
                throw new UserError("every record was rejected; nothing was " + (dryRun ? "valid" : "imported"));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Latest result of every benchmark, or the history of one.")
    static final class Show extends Sub {
        @Parameters(arity = "0..1", paramLabel = "BENCH", description = "Benchmark whose history to show.")
        String benchmark;

        @Option(names = "--branch", paramLabel = "BRANCH", description = "Only results recorded on this branch.")
        String branch;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "History rows to show (default 20).")
        int limit;

        @Override
        int run(CzarApp app, PrintWriter out) {
            List<BenchRow> rows = benchmark == null ? app.bench().latest()
                    : app.bench().history(benchmark, branch, Math.max(1, limit));
            if (json) {
                out.println(Json.write(rows));
            } else if (rows.isEmpty()) {
                out.println(benchmark == null ? "No benchmark results yet. Import some: czar bench import FILE"
                        : "No results for " + benchmark + (branch == null ? "" : " on " + branch)
                        + ". Known benchmarks: " + String.join(", ", app.bench().benchmarks()));
            } else {
                out.println(benchmark == null ? "Latest result of each benchmark:" : benchmark + " history, newest first:");
                rows.forEach(r -> out.println("  " + BenchText.row(r)));
            }
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Compare a candidate branch/commit with a base (median of its last runs, noise from their spread).")
    static final class Compare extends Sub {
        @Parameters(index = "0", paramLabel = "BASE", description = "Base branch or commit, e.g. main.")
        String base;

        @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Candidate branch or commit.")
        String candidate;

        @Option(names = "--benchmark", paramLabel = "BENCH", description = "Only this benchmark.")
        String benchmark;

        @Override
        int run(CzarApp app, PrintWriter out) {
            List<Comparison> comparisons = app.bench().compare(base, candidate, benchmark);
            if (json) {
                out.println(Json.write(comparisons));
            } else if (comparisons.isEmpty()) {
                out.println(base + " and " + candidate + " share no benchmark series to compare.");
            } else {
                long worse = comparisons.stream().filter(c -> c.verdict() == Comparison.Verdict.REGRESSION).count();
                out.println(candidate + " against " + base + ": " + comparisons.size() + " series, " + worse + " worse.");
                comparisons.forEach(c -> out.println("  " + BenchText.comparison(c, base, candidate)));
            }
            return 0;
        }
    }

    @Command(name = "chart", mixinStandardHelpOptions = true, description = "Write a PNG trend chart of one benchmark.")
    static final class Chart extends Sub {
        @Parameters(index = "0", paramLabel = "BENCH", description = "Benchmark to chart.")
        String benchmark;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG file to write.")
        Path outFile;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "Most recent rows to draw (default 200).")
        int limit;

        @Override
        int run(CzarApp app, PrintWriter out) {
            int points = app.bench().writeChart(benchmark, outFile, Math.max(1, limit));
            out.println(json ? Json.write(java.util.Map.of("file", outFile.toAbsolutePath().toString(), "points", points))
                    : "Wrote " + outFile + " (" + points + " points).");
            return 0;
        }
    }
}
