package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements a change adds that destroy stored data: dropped columns and tables, truncated tables, in SQL, Rails,
 * Alembic, Django and Liquibase migrations. Down/undo scripts and down sections are skipped: undoing a create is
 * their job. Legal's personal-data rule uses {@link #isDrop} so that dropping {@code email} never reads as adding it.
 */
final class MigrationDrops {
    /** What a statement destroys: {@code column users.email}, {@code table users}; {@code verb} is drops or truncates. */
    record Drop(String file, int line, String verb, String what) {
    }

    private static final Pattern ALTER_TABLE = Pattern.compile("(?i)\\bALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?[`\"\\[]?([\\w.]+)");
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "(?i)\\bDROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(?!CONSTRAINT\\b|INDEX\\b|KEY\\b|FOREIGN\\b|PRIMARY\\b|CHECK\\b|DEFAULT\\b|NOT\\b|PARTITION\\b|TABLE\\b|VIEW\\b|SEQUENCE\\b|TRIGGER\\b|SCHEMA\\b|DATABASE\\b)[`\"\\[]?(\\w+)");
    private static final Pattern DROP_TABLE = Pattern.compile("(?i)\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?[`\"\\[]?([\\w.]+)");
    private static final Pattern TRUNCATE = Pattern.compile("(?i)\\bTRUNCATE\\s+(?:TABLE\\s+)?[`\"\\[]?([\\w.]+)");
    private static final Pattern FRAMEWORK_COLUMN = Pattern.compile(
            "(?:remove_column\\s*\\(?\\s*:?['\"]?(\\w+)['\"]?\\s*,\\s*:?['\"]?(\\w+)"
                    + "|op\\.drop_column\\s*\\(\\s*['\"](\\w+)['\"]\\s*,\\s*['\"](\\w+)"
                    + "|RemoveField\\s*\\(\\s*model_name\\s*=\\s*['\"](\\w+)['\"]\\s*,\\s*name\\s*=\\s*['\"](\\w+)"
                    + "|<dropColumn\\b[^>]*?tableName=\"(\\w+)\"[^>]*?columnName=\"(\\w+)\")");
    private static final Pattern FRAMEWORK_TABLE = Pattern.compile(
            "(?:drop_table\\s*\\(?\\s*:?['\"]?(\\w+)|op\\.drop_table\\s*\\(\\s*['\"](\\w+)|DeleteModel\\s*\\(\\s*name\\s*=\\s*['\"](\\w+)"
                    + "|<dropTable\\b[^>]*?tableName=\"(\\w+)\")");
    private static final Pattern DOWN_START = Pattern.compile(
            "(?i)(--\\s*\\+?migrate\\s+down|--\\s*(down|rollback)\\b|\\bdef\\s+(down|downgrade)\\b|exports\\.down|\\brollback\\s*:|<rollback>)");
    private static final Pattern UP_START = Pattern.compile("(?i)(--\\s*\\+?migrate\\s+up|\\bdef\\s+(up|upgrade|change)\\b|</rollback>)");

    private MigrationDrops() {
    }

    static List<Drop> in(List<FilePatch> files) {
        List<Drop> drops = new ArrayList<>();
        for (FilePatch file : files) {
            if (OpsRules.isMigration(file.path()) && !OpsRules.isDownScript(file.path())) {
                drops.addAll(in(file));
            }
        }
        return drops;
    }

    /** Whether an added line destroys data rather than adding it (any file: a model's schema may live anywhere). */
    static boolean isDrop(String line) {
        return DROP_COLUMN.matcher(line).find() && ALTER_TABLE.matcher(line).find() || DROP_TABLE.matcher(line).find()
                || TRUNCATE.matcher(line).find() || FRAMEWORK_COLUMN.matcher(line).find() || FRAMEWORK_TABLE.matcher(line).find();
    }

    private static List<Drop> in(FilePatch file) {
        List<Drop> drops = new ArrayList<>();
        String table = null; // an ALTER TABLE may put its DROP on the next line
        boolean down = false;
        for (PatchLines.SideLine line : PatchLines.of(file).after()) {
            String text = line.text();
            down = DOWN_START.matcher(text).find() || (down && !UP_START.matcher(text).find());
            Matcher alter = ALTER_TABLE.matcher(text);
            if (alter.find()) {
                table = alter.group(1);
            }
            if (down || !line.changed() || text.stripLeading().startsWith("--")) {
                continue;
            }
            drops.addAll(dropsOn(file.path(), line.number(), text, table));
            if (text.contains(";")) {
                table = null;
            }
        }
        return drops;
    }

    private static List<Drop> dropsOn(String path, int number, String text, String table) {
        List<Drop> drops = new ArrayList<>();
        Matcher dropTable = DROP_TABLE.matcher(text);
        Matcher truncate = TRUNCATE.matcher(text);
        Matcher column = FRAMEWORK_COLUMN.matcher(text);
        Matcher frameworkTable = FRAMEWORK_TABLE.matcher(text);
        if (dropTable.find()) {
            drops.add(new Drop(path, number, "drops", "table " + dropTable.group(1)));
        } else if (truncate.find()) {
            drops.add(new Drop(path, number, "truncates", "table " + truncate.group(1)));
        } else if (column.find()) {
            String[] pair = firstPair(column);
            drops.add(new Drop(path, number, "drops", "column " + pair[0] + "." + pair[1]));
        } else if (frameworkTable.find()) {
            drops.add(new Drop(path, number, "drops", "table " + firstPair(frameworkTable)[0]));
        } else if (table != null) {
            Matcher dropColumn = DROP_COLUMN.matcher(text);
            while (dropColumn.find()) { // ALTER TABLE t DROP COLUMN a, DROP COLUMN b
                drops.add(new Drop(path, number, "drops", "column " + table + "." + dropColumn.group(1)));
            }
        }
        return drops;
    }

    /** The first non-null groups of an alternation, in order. */
    private static String[] firstPair(Matcher m) {
        List<String> groups = new ArrayList<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                groups.add(m.group(g));
            }
        }
        return groups.toArray(String[]::new);
    }
}
