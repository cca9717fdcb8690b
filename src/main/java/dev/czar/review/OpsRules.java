package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Offline operations rules: irreversible and destructive migrations, changed runtime configuration, removed health checks. */
final class OpsRules {
    private static final Pattern MIGRATION = Pattern.compile("(?i)(^|/)(db/)?(migrations?|migrate|changelog|flyway|liquibase)/|\\.sql$");
    private static final Pattern DOWN_FILE = Pattern.compile("(?i)(down|rollback|undo|revert)|(^|/)U\\d+__");
    private static final Pattern DOWN_SECTION = Pattern.compile("(?i)(--\\s*\\+?migrate\\s+down|--\\s*(down|rollback)\\b|\\bdef\\s+down\\b|\\bdown\\s*\\(|exports\\.down|rollback\\s*:)");
    private static final Pattern VERSION = Pattern.compile("^[VU]?(\\d+(?:[._]\\d+)*)");
    private static final Pattern PORT = Pattern.compile("(?i)(\\bEXPOSE\\s+\\d+|\\bports?\\s*[:=]|\\bPORT\\s*=|--port\\b|listen\\s+\\d+)");
    private static final Pattern ENV_VAR = Pattern.compile("(System\\.getenv\\(\"\\w+\"\\)|os\\.environ(\\.get)?[\\[(]['\"]\\w+|process\\.env\\.\\w+|^\\s*ENV\\s+\\w+|\\$\\{\\w+})");
    private static final Pattern CI_FILE = Pattern.compile("(^|/)(\\.github/workflows/|\\.gitlab-ci\\.yml$|Jenkinsfile$|\\.circleci/|azure-pipelines\\.yml$)");
    private static final Pattern DEPLOY_FILE = Pattern.compile("(?i)(^|/)(Dockerfile[^/]*|docker-compose[^/]*\\.ya?ml|compose\\.ya?ml|k8s/.*|helm/.*|.*\\.tf)$");
    private static final Pattern HEALTH = Pattern.compile("(?i)(HEALTHCHECK|livenessProbe|readinessProbe|startupProbe|/health|healthcheck|health_check)");

    private OpsRules() {
    }

    static List<Finding> migrationsWithoutRollback(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (!file.change().equals("ADD") || !MIGRATION.matcher(file.path()).find() || isDown(file.path())) {
                continue;
            }
            if (DOWN_SECTION.matcher(file.patch()).find() || hasDownFile(file, files)) {
                continue;
            }
            findings.add(Finding.of(persona, Severity.MAJOR, "Database migration without a way back: " + fileName(file.path()),
                    file.path(), 1, "Add a down/undo migration (e.g. Flyway U<version>__...sql) or write down the"
                            + " roll-forward plan and test it on a copy of production data.",
                    "migrations-without-rollback"));
        }
        return findings;
    }

    /** Added statements that drop or truncate stored data: a down migration cannot bring the data back. */
    static List<Finding> destructiveMigrations(String persona, List<FilePatch> files) {
        return MigrationDrops.in(files).stream().map(drop -> Finding.of(persona, Severity.MAJOR,
                "Data loss: migration " + drop.verb() + " " + drop.what(), drop.file(), drop.line(),
                "Back up the data first and drop in two steps (expand-contract): release code that no longer reads or"
                        + " writes it, then drop it in a later migration once that release runs everywhere.",
                "destructive-migrations")).toList();
    }

    static boolean isMigration(String path) {
        return MIGRATION.matcher(path).find();
    }

    static boolean isDownScript(String path) {
        return isDown(path);
    }

    static List<Finding> runtimeConfig(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (CI_FILE.matcher(file.path()).find()) {
                findings.add(Finding.of(persona, Severity.MINOR, "CI pipeline changed", file.path(), null,
                        "Check the pipeline still gates merges the same way (required jobs, secrets, triggers).", "runtime-config"));
            } else if (DEPLOY_FILE.matcher(file.path()).find()) {
                findings.add(Finding.of(persona, Severity.MINOR, "Deployment definition changed: " + fileName(file.path()),
                        file.path(), null, "Build and start it once before merging; note the change for whoever deploys.",
                        "runtime-config"));
            }
        }
        findings.addAll(LineMatches.added(files, PORT, (file, line) -> Finding.of(persona, Severity.MINOR,
                "Listening port changed or added", file, line,
                "Update firewall rules, load balancer and health check targets that name the old port.", "runtime-config")));
        findings.addAll(LineMatches.added(files, ENV_VAR, (file, line) -> Finding.of(persona, Severity.INFO,
                "New environment variable read", file, line,
                "Document it with its default and set it in every environment before deploying.", "runtime-config")));
        return findings;
    }

    static List<Finding> removedHealthChecks(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (!HEALTH.matcher(file.patch()).find()) {
                continue;
            }
            PatchLines lines = PatchLines.of(file);
            boolean removed = lines.removed().stream().anyMatch(l -> HEALTH.matcher(l.text()).find());
            boolean added = lines.added().stream().anyMatch(l -> HEALTH.matcher(l.text()).find());
            if (removed && !added) {
                findings.add(Finding.of(persona, Severity.MAJOR, "Health check removed", file.path(), null,
                        "Keep a health check so the orchestrator can restart or route around a broken instance.",
                        "health-checks"));
            }
        }
        return findings;
    }

    private static boolean isDown(String path) {
        return DOWN_FILE.matcher(fileName(path)).find();
    }

    /** Another file in the change with the same version number that is a down/undo/rollback script. */
    private static boolean hasDownFile(FilePatch up, List<FilePatch> files) {
        var version = VERSION.matcher(fileName(up.path()));
        String v = version.find() ? version.group(1) : fileName(up.path()).toLowerCase(Locale.ROOT).replaceAll("\\.(up\\.)?sql$", "");
        return files.stream().filter(f -> f != up && isDown(f.path()))
                .anyMatch(f -> fileName(f.path()).toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT)));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
