package dev.czar.evidence.bench;

import dev.czar.UserError;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the trend of one benchmark (one line per branch and metric) as a PNG, for Slack uploads and the dashboard. */
public final class TrendChart {
    static {
        // czar runs on servers without a display; charts are drawn off-screen
        System.setProperty("java.awt.headless", "true");
    }

    private final BenchmarkStore store;

    public TrendChart(BenchmarkStore store) {
        this.store = store;
    }

    /**
     * Writes the chart of the last {@code limit} timed rows of {@code benchmark} to {@code out}.
     *
     * @return the number of points drawn
     * @throws UserError when the benchmark has no rows with a timestamp, or the file cannot be written
     */
    public int write(String benchmark, Path out, int limit) {
        List<BenchRow> rows = new ArrayList<>(store.history(benchmark, null, limit).stream()
                .filter(r -> r.ranAt() != null).toList());
        if (rows.isEmpty()) {
            throw new UserError("no timed results for benchmark '" + benchmark + "' (known: "
                    + String.join(", ", store.benchmarks()) + ")");
        }
        java.util.Collections.reverse(rows);
        Map<String, List<BenchRow>> series = new LinkedHashMap<>();
        for (BenchRow r : rows) {
            String name = (r.branch() == null ? "?" : r.branch()) + " " + r.metric()
                    + (r.variant() == null ? "" : "[" + r.variant() + "]") + (r.unit() == null ? "" : " (" + r.unit() + ")");
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
        }
        XYChart chart = new XYChartBuilder().width(900).height(480).title(benchmark + " trend")
                .xAxisTitle("run time (UTC)").yAxisTitle("value (canonical unit)").build();
        chart.getStyler().setDatePattern("MM-dd HH:mm");
        chart.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC"));
        for (var s : series.entrySet()) {
            List<Date> x = s.getValue().stream().map(r -> Date.from(r.ranAt())).toList();
            List<Double> y = s.getValue().stream().map(BenchRow::value).toList();
            XYSeries line = chart.addSeries(s.getKey(), x, y);
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var stream = Files.newOutputStream(out)) {
                BitmapEncoder.saveBitmap(chart, stream, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UserError("cannot write chart to " + out + ": " + e.getMessage());
        }
        return rows.size();
    }
}
