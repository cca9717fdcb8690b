package dev.czar.evidence.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts a measured value to its canonical unit so that rows written in ms and in s compare: time in seconds,
 * energy in joules, sizes in bytes, power in watts, rates per second. Unknown units are kept as written.
 */
final class Units {
    /** A value in its canonical unit, and how it got there ({@code null} when nothing changed). */
    record Canonical(double value, String unit, String conversion) {
    }

    private record Factor(String canonical, double factor) {
    }

    private static final Map<String, Factor> FACTORS = new HashMap<>();
    /** How each unit spelling seen so far converts (one file spells a handful of units on every row). */
    private static final Map<String, Conversion> SEEN = new ConcurrentHashMap<>();
    private static final int MAX_SEEN = 1024;

    /** Multiply by {@code factor} to get {@code unit}; {@code note} is the conversion recorded, if any. */
    private record Conversion(double factor, String unit, String note) {
    }

    static {
        time("s", 1, "s", "sec", "secs", "second", "seconds");
        time("ms", 1e-3, "ms", "msec", "millis", "milliseconds");
        time("us", 1e-6, "us", "µs", "μs", "usec", "micros", "microseconds");
        time("ns", 1e-9, "ns", "nsec", "nanos", "nanoseconds");
        time("min", 60, "min", "mins", "minute", "minutes");
        time("h", 3600, "h", "hr", "hour", "hours");
        unit("J", "J", 1, "j", "joule", "joules");
        unit("J", "mJ", 1e-3, "mj", "millijoules");
        unit("J", "uJ", 1e-6, "uj", "µj", "μj", "microjoules");
        unit("J", "kJ", 1e3, "kj", "kilojoules");
        unit("J", "Wh", 3600, "wh");
        unit("J", "kWh", 3.6e6, "kwh");
        unit("W", "W", 1, "w", "watt", "watts");
        unit("W", "mW", 1e-3, "mw");
        unit("W", "kW", 1e3, "kw");
        unit("B", "B", 1, "b", "byte", "bytes");
        unit("B", "kB", 1e3, "kb");
        unit("B", "KiB", 1024, "kib");
        unit("B", "MB", 1e6, "mb");
        unit("B", "MiB", 1024d * 1024, "mib");
        unit("B", "GB", 1e9, "gb");
        unit("B", "GiB", 1024d * 1024 * 1024, "gib");
        unit("ops/s", "ops/s", 1, "ops/s", "op/s", "ops/sec", "ops", "qps", "rps", "/s");
        unit("ops/s", "ops/ms", 1e3, "ops/ms", "op/ms");
        unit("ops/s", "ops/us", 1e6, "ops/us", "op/us");
        unit("%", "%", 1, "%", "pct", "percent");
    }

    private Units() {
    }

    /** Canonical form of {@code value} written in {@code unit} (may be {@code null} or empty). */
    static Canonical canonical(double value, String unit) {
        if (unit == null || unit.isBlank()) {
            return new Canonical(value, null, null);
        }
        Conversion c = SEEN.get(unit);
        if (c == null) {
            c = conversion(unit);
            if (SEEN.size() < MAX_SEEN) {
                SEEN.put(unit, c);
            }
        }
        return new Canonical(c.factor == 1 ? value : value * c.factor, c.unit, c.note);
    }

    private static Conversion conversion(String unit) {
        Factor f = FACTORS.get(unit.strip().toLowerCase(Locale.ROOT));
        if (f == null) {
            return new Conversion(1, unit.strip(), "none (unknown unit kept as written)");
        }
        if (f.factor == 1) {
            return new Conversion(1, f.canonical, null);
        }
        return new Conversion(f.factor, f.canonical, "x " + format(f.factor) + " (" + unit.strip() + " -> " + f.canonical + ")");
    }

    /** Whether a bigger number is better for values in this canonical unit (throughput), else smaller is. */
    static boolean higherIsBetter(String canonicalUnit) {
        return "ops/s".equals(canonicalUnit);
    }

    static boolean isTime(String canonicalUnit) {
        return "s".equals(canonicalUnit);
    }

    private static void time(String name, double factor, String... spellings) {
        unit("s", name, factor, spellings);
    }

    private static void unit(String canonical, String name, double factor, String... spellings) {
        FACTORS.put(name.toLowerCase(Locale.ROOT), new Factor(canonical, factor));
        for (String s : spellings) {
            FACTORS.put(s.toLowerCase(Locale.ROOT), new Factor(canonical, factor));
        }
    }

    private static String format(double factor) {
        return factor == Math.rint(factor) && Math.abs(factor) < 1e15 ? String.valueOf((long) factor) : String.valueOf(factor);
    }
}
