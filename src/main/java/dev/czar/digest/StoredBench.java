package dev.czar.digest;

import dev.czar.UserError;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.bench.BenchRow;
import dev.czar.evidence.bench.Comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link BenchSource} over the benchmark service: its comparisons for changes, its trend chart for pictures. */
public final class StoredBench implements BenchSource {
    static final int CHART_POINTS = 200;

    private final BenchEvidence bench;

    public StoredBench(BenchEvidence bench) {
        this.bench = bench;
    }

    @Override
    public boolean configured() {
        return bench.hasResults();
    }

    @Override
    public List<BenchChange> changes(String baseline, String candidate) {
        if (!bench.isBranch(baseline) || !bench.isBranch(candidate)) {
            return List.of(); // a branch without results has nothing to compare
        }
        List<BenchChange> changes = new ArrayList<>();
        for (Comparison c : bench.compare(baseline, candidate, null)) {
            if (c.verdict() == Comparison.Verdict.WITHIN_NOISE) {
                continue;
            }
            List<Long> rows = new ArrayList<>();
            c.baselineRows().stream().map(BenchRow::id).forEach(rows::add);
            c.candidateRows().stream().map(BenchRow::id).filter(id -> !rows.contains(id)).forEach(rows::add);
            changes.add(new BenchChange(c.benchmark(), c.series(), c.ratio(), c.verdict() == Comparison.Verdict.REGRESSION,
                    c.verdictWord(), rows));
        }
        return changes;
    }

    @Override
    public List<String> benchmarks() {
        return bench.benchmarks();
    }

    @Override
    public Optional<byte[]> chart(String benchmark) {
        Path file = null;
        try {
            file = Files.createTempFile("czar-chart-", ".png");
            bench.writeChart(benchmark, file, CHART_POINTS);
            return Optional.of(Files.readAllBytes(file));
        } catch (UserError e) {
            return Optional.empty(); // no timed rows for this benchmark
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
