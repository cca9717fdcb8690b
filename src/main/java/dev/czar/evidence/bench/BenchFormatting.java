package dev.czar.evidence.bench;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting shared by reports: four significant digits, no exponent for everyday magnitudes. */
public final class BenchFormatting {
    private BenchFormatting() {
    }

    public static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v == 0 ? 0 : v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4));
        double abs = Math.abs(v);
        return abs >= 1e-4 && abs < 1e9 ? d.stripTrailingZeros().toPlainString() : d.stripTrailingZeros().toString();
    }

    public static String ratio(double r) {
        return String.format(java.util.Locale.ROOT, "%.3fx", r);
    }

    public static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
