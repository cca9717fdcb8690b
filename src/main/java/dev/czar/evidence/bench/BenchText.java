package dev.czar.evidence.bench;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** The one place that words benchmark rows and comparisons, for the CLI and for chat answers alike. */
public final class BenchText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private BenchText() {
    }

    /** {@code parse_json[small] time = 0.0125 s (12.5 ms) on main @a1b2c3d, 2026-11-02 09:00Z, row 1} */
    public static String row(BenchRow r) {
        return r.series() + " = " + r.describeValue() + " on " + (r.branch() == null ? "?" : r.branch()) + " @" + r.shortCommit()
                + (r.ranAt() == null ? "" : ", " + TIME.format(r.ranAt())) + ", row " + r.id();
    }

    /**
     * {@code parse_json[small] time: 0.0141 s vs 0.0125 s = 1.128x, slower (noise ±5.0%; baseline median of 4 rows
     * on main; rows 1, 3 vs 7, 8)}
     */
    public static String comparison(Comparison c, String baseRef, String candidateRef) {
        String unit = c.unit() == null ? "" : " " + c.unit();
        return c.series() + ": " + BenchFormatting.number(c.candidate()) + unit + " on " + candidateRef + " vs "
                + BenchFormatting.number(c.baseline()) + unit + " on " + baseRef + " = " + BenchFormatting.ratio(c.ratio())
                + ", " + c.verdictWord() + " (noise ±" + BenchFormatting.percent(c.noise()) + "; baseline median of "
                + c.baselineRows().size() + (c.baselineRows().size() == 1 ? " row" : " rows") + "; rows "
                + ids(c.baselineRows()) + " vs " + ids(c.candidateRows()) + ")";
    }

    static String ids(List<BenchRow> rows) {
        return rows.stream().map(r -> String.valueOf(r.id())).collect(Collectors.joining(", "));
    }
}
