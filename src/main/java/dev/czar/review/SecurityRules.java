package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Offline security rules: committed credentials, disabled TLS verification, code injection, new dependencies. */
final class SecurityRules {
    private static final Pattern TLS_OFF = Pattern.compile(
            "(?i)(verify\\s*=\\s*False|InsecureSkipVerify\\s*:\\s*true|rejectUnauthorized\\s*:\\s*false"
                    + "|NODE_TLS_REJECT_UNAUTHORIZED\\s*=\\s*['\"]?0|curl\\s+(-k|--insecure)\\b|TrustAllCerts|trustAll"
                    + "|NoopHostnameVerifier|ALLOW_ALL_HOSTNAME_VERIFIER|CERT_NONE|ssl_verify\\s*[:=]\\s*false"
                    + "|sslVerify\\s*[:=]\\s*false|strict-ssl\\s*[:=]\\s*false)");
    private static final Pattern INJECTION = Pattern.compile(
            "(\\beval\\s*\\(|\\bexec\\s*\\(\\s*[^)\"']|os\\.system\\s*\\(|shell\\s*=\\s*True|Runtime\\.getRuntime\\(\\)\\.exec\\s*\\("
                    + "|child_process\\.exec\\s*\\(|\\bsh\\s+-c\\s+\"?\\$|new\\s+Function\\s*\\(|\\bexecSync\\s*\\(`)");

    private static final Pattern DOCS = Pattern.compile("(?i)\\.(md|markdown|adoc|rst|txt)$");

    private SecurityRules() {
    }

    static List<Finding> secrets(String persona, List<FilePatch> files) {
        List<Finding> findings = new ArrayList<>();
        for (FilePatch file : files) {
            if (Secrets.kindIn(file.patch()).isEmpty()) {
                continue; // whole-text scan first: most files of a large change hold no credential
            }
            boolean inKey = false;
            for (PatchLines.Line line : PatchLines.of(file).added()) {
                // a private key spans lines; report its BEGIN line once, never its body
                if (line.text().contains("PRIVATE KEY-----")) {
                    if (!inKey && line.text().contains("BEGIN")) {
                        findings.add(secret(persona, "private key", file.path(), line.number()));
                    }
                    inKey = line.text().contains("BEGIN");
                    continue;
                }
                if (inKey) {
                    continue;
                }
                Optional<String> kind = Secrets.kindIn(line.text());
                kind.ifPresent(k -> findings.add(secret(persona, k, file.path(), line.number())));
            }
        }
        return findings;
    }

    static List<Finding> tlsDisabled(String persona, List<FilePatch> files) {
        return LineMatches.added(code(files), TLS_OFF, (file, line) -> Finding.of(persona, Severity.MAJOR,
                "TLS certificate verification disabled", file, line,
                "Keep verification on; trust the specific CA instead of turning checks off.", "tls-disabled"));
    }

    static List<Finding> injection(String persona, List<FilePatch> files) {
        return LineMatches.added(code(files), INJECTION, (file, line) -> Finding.of(persona, Severity.MAJOR,
                "Dynamic code or shell execution (injection risk)", file, line,
                "Pass arguments as a list without a shell, or validate the input against an allow-list.", "injection"));
    }

    static List<Finding> newDependencies(String persona, List<FilePatch> files) {
        return DependencyChanges.added(files).stream().map(dep -> Finding.of(persona, Severity.MINOR,
                "New dependency " + dep.name() + " " + (dep.version() == null ? "(no version pinned)" : dep.version())
                        + ": check its provenance and known vulnerabilities", dep.file(), dep.line(),
                "Pin the version and check it against a vulnerability database (e.g. OSV) before merging.",
                "new-dependencies")).toList();
    }

    /** Documentation describes risky calls without making them; a proposal is prose too, but it is all there is. */
    private static List<FilePatch> code(List<FilePatch> files) {
        return files.stream().filter(f -> !DOCS.matcher(f.path()).find()).toList();
    }

    private static Finding secret(String persona, String kind, String file, int line) {
        return Finding.of(persona, Severity.BLOCKER, capitalise(kind) + " committed", file, line,
                "Remove it from the branch history and rotate the credential now; load it from the environment or a secret store.",
                "secrets");
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
