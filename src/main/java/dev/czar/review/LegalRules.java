package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
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

    static List<Finding> personalData(String persona, List<FilePatch> files) {
        List<FilePatch> dataFiles = files.stream().filter(f -> DATA_FILE.matcher(f.path()).find() || f.path().equals("proposal")).toList();
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : dataFiles) {
            if (!PERSONAL.matcher(file.patch()).find()) {
                continue;
            }
            PatchLines.of(file).added().stream().filter(l -> PERSONAL.matcher(l.text()).find()).findFirst().ifPresent(l -> {
                var m = PERSONAL.matcher(l.text());
                String field = m.find() ? m.group(1) : "personal data";
                findings.add(Finding.of(persona, Severity.MINOR, "Personal-data field '" + field + "' introduced",
                        file.path(), l.number(), "Record the purpose and retention, restrict access and mask it in logs (GDPR art. 5/30).",
                        "personal-data"));
            });
        }
        return findings;
    }
}
