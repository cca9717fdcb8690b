package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Offline legal and compliance rules: license files and headers, dependency licenses, personal data. */
final class LegalRules {
    private static final Pattern LICENSE_FILE = Pattern.compile("(?i)(^|/)(LICEN[CS]E|COPYING|NOTICE)(\\.[a-z]+)?$");
    private static final Pattern HEADER = Pattern.compile("(SPDX-License-Identifier|Copyright \\(c\\)|Copyright ©|Licensed under)");
    private static final Pattern COPYLEFT = Pattern.compile("(?i)\\b(A?GPL|LGPL|SSPL|EUPL|CC-BY-SA|OSL)");
    private static final Pattern PERSONAL = Pattern.compile(
            // letters may not touch the field name, underscores may: customer_email counts, emailing does not
            "(?i)(?<![a-z])(e_?mail(_?address)?|phone(_?number)?|mobile(_?number)?|date_?of_?birth|birth_?date|dob|ssn"
                    + "|social_?security(_?number)?|passport(_?number)?|national_?id|tax_?id|home_?address|street_?address"
                    + "|postal_?address|ip_?address|credit_?card(_?number)?|card_?number|iban|first_?name|last_?name|full_?name)(?![a-z])");
    private static final Pattern DATA_FILE = Pattern.compile("(?i)\\.(sql|java|kt|py|ts|js|go|rb|cs|proto|graphql|prisma|ya?ml|json)$");

    private LegalRules() {
    }

    static List<Finding> licenseFiles(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (LICENSE_FILE.matcher(file.path()).find()) {
                String verb = file.change().equals("DELETE") ? "deleted" : file.change().equals("ADD") ? "added" : "changed";
                findings.add(Finding.of(persona, Severity.MAJOR, "License file " + verb + ": " + file.path(), file.path(), null,
                        "Get the project owner's and legal's sign-off; a license change affects every user.", "license-files"));
            }
        }
        findings.addAll(LineMatches.removed(files, HEADER, (file, line) -> Finding.of(persona, Severity.MINOR,
                "License or copyright header removed", file, line,
                "Keep the header; third-party notices must stay with the code they cover.", "license-files")));
        return findings;
    }

    static List<Finding> dependencyLicenses(String persona, List<FilePatch> files) {
        return DependencyChanges.added(files).stream().map(dep -> {
            if (dep.license() == null) {
                return Finding.of(persona, Severity.MINOR, "New dependency " + dep.name()
                                + ": license not declared in the build file", dep.file(), dep.line(),
                        "Look up its license and check it is compatible with this project's before merging.",
                        "dependency-licenses");
            }
            boolean copyleft = COPYLEFT.matcher(dep.license()).find();
            return Finding.of(persona, copyleft ? Severity.MAJOR : Severity.INFO, "New dependency " + dep.name()
                            + " declares license " + dep.license() + (copyleft ? " (copyleft)" : ""), dep.file(), dep.line(),
                    copyleft ? "Copyleft terms may oblige you to publish source; get legal sign-off or pick another library."
                            : "Record it in the third-party notices.", "dependency-licenses");
        }).toList();
    }

    /**
     * Personal-data fields a change introduces: on added lines that do not drop or remove anything, and not already
     * on a removed or unchanged line of the same file (an edited line that mentions {@code email} adds nothing).
     */
    static List<Finding> personalData(String persona, List<FilePatch> files) {
        List<FilePatch> dataFiles = files.stream().filter(f -> DATA_FILE.matcher(f.path()).find() || f.path().equals("proposal")).toList();
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : dataFiles) {
            if (!PERSONAL.matcher(file.patch()).find()) {
                continue;
            }
            PatchLines lines = PatchLines.of(file);
            Set<String> present = new HashSet<>();
            lines.before().forEach(l -> present.addAll(fields(l.text())));
            for (PatchLines.Line line : lines.added()) {
                if (MigrationDrops.isDrop(line.text())) {
                    continue;
                }
                var introduced = fields(line.text()).stream().filter(f -> !present.contains(f.toLowerCase(Locale.ROOT))).findFirst();
                if (introduced.isPresent()) {
                    findings.add(Finding.of(persona, Severity.MINOR, "Personal-data field '" + introduced.get() + "' introduced",
                            file.path(), line.number(), "Record the purpose and retention, restrict access and mask it in logs (GDPR art. 5/30).",
                            "personal-data"));
                    break;
                }
            }
        }
        return findings;
    }

    /** The personal-data field names on a line, lower-cased. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        Matcher m = PERSONAL.matcher(line);
        while (m.find()) {
            fields.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return fields;
    }
}
