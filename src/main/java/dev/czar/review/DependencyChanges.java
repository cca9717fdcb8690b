package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dependencies a change adds, read from the added lines of the build files it touches (Maven, npm, pip, Gradle).
 * A license is reported when the build file names it next to the dependency ({@code <!-- license: MIT -->},
 * {@code # license: MIT}); most build files don't, which is itself worth saying.
 */
final class DependencyChanges {
    record Dependency(String file, int line, String name, String license) {
    }

    private static final Pattern TAG = Pattern.compile("<(groupId|artifactId|version)>\\s*([^<\\s]+)\\s*</\\1>");
    private static final Pattern LICENSE = Pattern.compile("(?i)licen[cs]e\\s*[:=]\\s*\"?([\\w.+-]*\\w)");
    private static final Pattern NPM = Pattern.compile("^\\s*\"(@?[\\w./-]+)\"\\s*:\\s*\"(?:[~^<>=]*\\s*)?(\\d[^\"]*|latest|\\*|git[^\"]*|https?:[^\"]*)\"");
    private static final Pattern PIP = Pattern.compile("^\\s*([A-Za-z0-9][\\w.-]*)\\s*(?:\\[[^]]*])?\\s*(==|>=|~=|<=|>|<)\\s*[\\w.*]+");
    private static final Pattern GRADLE = Pattern.compile("^\\s*(?:implementation|api|compileOnly|runtimeOnly)\\s*\\(?\\s*['\"]([\\w.-]+:[\\w.-]+)(?::[^'\"]+)?['\"]");

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
            }
        }
        return result;
    }

    /** Reads whole {@code <dependency>} blocks added by the change; plugins and edits inside old blocks are not dependencies. */
    private static void maven(String path, List<PatchLines.Line> lines, List<Dependency> out) {
        String group = null;
        String artifact = null;
        String license = null;
        int start = -1;
        for (PatchLines.Line line : lines) {
            String text = line.text();
            if (text.contains("<dependency>")) {
                start = line.number();
                group = null;
                artifact = null;
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
                }
            }
            if (text.contains("</dependency>") && start >= 0) {
                if (artifact != null) {
                    out.add(new Dependency(path, start, group == null ? artifact : group + ":" + artifact, license));
                }
                start = -1;
            }
        }
    }

    /** One dependency per added line; a name also on a removed line was only edited (version bump, comma). */
    private static void byLine(FilePatch file, Pattern pattern, List<Dependency> out) {
        PatchLines lines = PatchLines.of(file);
        java.util.Set<String> before = new java.util.HashSet<>();
        for (PatchLines.Line line : lines.removed()) {
            Matcher m = pattern.matcher(line.text());
            if (m.find()) {
                before.add(m.group(1));
            }
        }
        String path = file.path();
        for (PatchLines.Line line : lines.added()) {
            Matcher m = pattern.matcher(line.text());
            if (m.find() && !before.contains(m.group(1)) && !m.group(1).equals("version") && !m.group(1).equals("node")) {
                Matcher license = LICENSE.matcher(line.text().substring(m.end()));
                out.add(new Dependency(path, line.number(), m.group(1), license.find() ? license.group(1) : null));
            }
        }
    }
}
