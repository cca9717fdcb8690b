package dev.czar.evidence.git;

import org.eclipse.jgit.lib.Config;

import java.util.Locale;

/**
 * The rename rules {@code git diff} applies, read from the repository's own config as git reads it: {@code diff.renames}
 * (default true; {@code copies} also finds copies from modified files) and {@code diff.renameLimit} (default 1000 for
 * diff; 0 or less means git's hard cap of 32767).
 *
 * @param renames     whether renames are detected at all
 * @param copies      whether copies from modified files are detected too ({@code diff.renames=copies})
 * @param renameLimit sources × destinations may not exceed its square for inexact detection to run
 */
public record DiffRules(boolean renames, boolean copies, int renameLimit) {
    /** git's default for {@code git diff} (diff.c: diff_rename_limit_default). */
    public static final int DEFAULT_RENAME_LIMIT = 1000;
    /** What git uses when the limit is 0 or negative (diffcore-rename.c). */
    static final int UNLIMITED = 32767;

    public static DiffRules gitDefaults() {
        return new DiffRules(true, false, DEFAULT_RENAME_LIMIT);
    }

    public static DiffRules of(Config config) {
        String renames = config.getString("diff", null, "renames");
        boolean copies = false;
        boolean enabled = true;
        if (renames != null) {
            String value = renames.strip().toLowerCase(Locale.ROOT);
            copies = value.equals("copies") || value.equals("copy");
            enabled = copies || !(value.equals("false") || value.equals("no") || value.equals("off") || value.equals("0"));
        }
        int limit = config.getInt("diff", null, "renamelimit", DEFAULT_RENAME_LIMIT);
        return new DiffRules(enabled, copies, limit);
    }

    /** The limit git compares against: non-positive values mean its hard cap. */
    int effectiveLimit() {
        return renameLimit <= 0 ? UNLIMITED : renameLimit;
    }
}
