package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dependencies a change adds, with the version it asks for, read from the added lines of the build files it touches
 * (Maven, npm, pip, Gradle, Go modules, Cargo).
 * A license is reported when the build file names it next to the dependency ({@code <!-- license: MIT -->},
 * {@code # license: MIT}); most build files don't, which is itself worth saying.
 */
final class DependencyChanges {
    /** {@code version} as the build file writes it ({@code ^1.3.0}, {@code ==2.31.0}, {@code ${jackson.version}}); null when unpinned. */
    record Dependency(String file, int line, String name, String version, String license) {
    }

    private static final Pattern TAG = Pattern.compile("<(groupId|artifactId|version)>\\s*([^<\\s]+)\\s*</\\1>");
    private static final Pattern LICENSE = Pattern.compile("(?i)licen[cs]e\\s*[:=]\\s*\"?([\\w.+-]*\\w)");
    private static final Pattern NPM = Pattern.compile("^\\s*\"(@?[\\w./-]+)\"\\s*:\\s*\"((?:[~^<>=]*\\s*)?(?:\\d[^\"]*|latest|\\*|git[^\"]*|https?:[^\"]*))\"");
    private static final Pattern PIP = Pattern.compile("^\\s*([A-Za-z0-9][\\w.-]*)\\s*(?:\\[[^]]*])?\\s*((?:==|>=|~=|<=|>|<)\\s*[\\w.*]+(?:\\s*,\\s*(?:==|>=|~=|<=|>|<|!=)\\s*[\\w.*]+)*)?(?=\\s*(?:#|;|$))");
    private static final Pattern GRADLE = Pattern.compile(
            "^\\s*(?:implementation|api|compileOnly|runtimeOnly|testImplementation|annotationProcessor|kapt)\\s*\\(?\\s*['\"]([\\w.-]+:[\\w.-]+)(?::([^'\"@]+))?[^'\"]*['\"]");
    /** {@code require x v1} or a line of a {@code require (...)} block; {@code // indirect} ones are not chosen by the change. */
    private static final Pattern GO_MOD = Pattern.compile("^\\s*(?:require\\s+)?([\\w.-]+\\.[\\w.-]+/[\\w./-]+)\\s+(v[\\w.+-]+)\\s*(?!//\\s*indirect)(?://.*)?$");
    /** {@code name = "1.0"} or {@code name = { version = "1.0", ... }} in a dependencies table of Cargo.toml. */
    private static final Pattern CARGO = Pattern.compile("^\\s*([A-Za-z0-9_-]+)\\s*=\\s*(?:\"([^\"]+)\"|\\{.*?\\bversion\\s*=\\s*\"([^\"]+)\"|\\{)");
    private static final Pattern CARGO_PACKAGE_KEY = Pattern.compile(
            "^\\s*(name|version|edition|authors|description|license|license-file|repository|homepage|documentation|readme"
                    + "|rust-version|keywords|categories|publish|resolver|members|exclude|include|build|links|default-run)\\s*=");
    private static final Pattern CARGO_TABLE = Pattern.compile("^\\s*\\[([^\\]]+)]");

    private DependencyChanges() {
    }

    static List<Dependency> added(List<FilePatch> files) {
        List<Dependency> result = new ArrayList<>();
        for (FilePatch file : files) {
            String name = file.path().substring(file.path().lastIndexOf('/') + 1);
            if (name.equals("pom.xml")) {
                maven(file.path(), PatchLines.of(file).added(), result);
            } else if (name.equals("package.json")) {
                byLine(file, NPM, result);
            } else if (name.matches("requirements.*\\.txt")) {
                byLine(file, PIP, result);
            } else if (name.matches("build\\.gradle(\\.kts)?")) {
                byLine(file, GRADLE, result);
            } else if (name.equals("go.mod")) {
                byLine(file, GO_MOD, result);
            } else if (name.equals("Cargo.toml")) {
                cargo(file, result);
            }
        }
        return result;
    }

    /** Reads whole {@code <dependency>} blocks added by the change; plugins and edits inside old blocks are not dependencies. */
    private static void maven(String path, List<PatchLines.Line> lines, List<Dependency> out) {
        String group = null;
        String artifact = null;
        String version = null;
        String license = null;
        int start = -1;
        for (PatchLines.Line line : lines) {
            String text = line.text();
            if (text.contains("<dependency>")) {
                start = line.number();
                group = null;
                artifact = null;
                version = null;
                license = null;
            }
            Matcher licenseMatch = LICENSE.matcher(text);
            if (licenseMatch.find() && start >= 0) {
                license = licenseMatch.group(1);
            }
            Matcher tag = TAG.matcher(text);
            while (start >= 0 && tag.find()) {
                if (tag.group(1).equals("groupId")) {
                    group = tag.group(2);
                } else if (tag.group(1).equals("artifactId")) {
                    artifact = tag.group(2);
                } else {
                    version = tag.group(2);
                }
            }
            if (text.contains("</dependency>") && start >= 0) {
                if (artifact != null) {
                    out.add(new Dependency(path, start, group == null ? artifact : group + ":" + artifact, version, license));
                }
                start = -1;
            }
        }
    }

    /** One dependency per added line; a name also on a removed line was only edited (version bump, comma). */
    private static void byLine(FilePatch file, Pattern pattern, List<Dependency> out) {
        byLine(file, pattern, PatchLines.of(file).added(), out);
    }

    private static void byLine(FilePatch file, Pattern pattern, List<PatchLines.Line> added, List<Dependency> out) {
        PatchLines lines = PatchLines.of(file);
        java.util.Set<String> before = new java.util.HashSet<>();
        for (PatchLines.Line line : lines.removed()) {
            Matcher m = pattern.matcher(line.text());
            if (m.find()) {
                before.add(m.group(1));
            }
        }
        String path = file.path();
        for (PatchLines.Line line : added) {
            Matcher m = pattern.matcher(line.text());
            if (m.find() && !before.contains(m.group(1)) && !m.group(1).equals("version") && !m.group(1).equals("node")) {
                Matcher license = LICENSE.matcher(line.text().substring(m.end()));
                out.add(new Dependency(path, line.number(), m.group(1), version(m), license.find() ? license.group(1) : null));
            }
        }
    }

    /** The first version group that matched (Cargo has two forms); blank versions count as unpinned. */
    private static String version(Matcher m) {
        for (int g = 2; g <= m.groupCount(); g++) {
            if (m.group(g) != null && !m.group(g).isBlank()) {
                return m.group(g).replaceAll("\\s+", "");
            }
        }
        return null;
    }

    /**
     * Cargo.toml: lines under a {@code [*dependencies]} table; package metadata has the same shape, so where the hunk
     * shows no table header, lines with {@code [package]} key names are left out.
     */
    private static void cargo(FilePatch file, List<Dependency> out) {
        List<PatchLines.Line> inDependencies = new ArrayList<>();
        Boolean dependencies = null;
        int hunk = -1;
        for (PatchLines.SideLine line : PatchLines.of(file).after()) {
            Matcher table = CARGO_TABLE.matcher(line.text());
            if (line.hunk() != hunk) {
                hunk = line.hunk();
                dependencies = null;
            }
            if (table.find()) {
                dependencies = table.group(1).strip().endsWith("dependencies");
            } else if (line.changed() && (Boolean.TRUE.equals(dependencies)
                    || dependencies == null && !CARGO_PACKAGE_KEY.matcher(line.text()).find())) {
                inDependencies.add(new PatchLines.Line(line.number(), line.text()));
            }
        }
        byLine(file, CARGO, inDependencies, out);
    }
}
