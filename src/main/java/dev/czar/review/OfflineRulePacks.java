package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The deterministic rules personas apply without a language model, by id. A persona file names the rules it
 * uses in {@code offline-rules}; they run on every review (with or without a model), because they read the whole
 * change while a model only sees what fits its token budget.
 */
public final class OfflineRulePacks {
    private static final Map<String, OfflineRule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("secrets", SecurityRules::secrets);
        RULES.put("tls-disabled", SecurityRules::tlsDisabled);
        RULES.put("injection", SecurityRules::injection);
        RULES.put("new-dependencies", SecurityRules::newDependencies);
        RULES.put("migrations-without-rollback", OpsRules::migrationsWithoutRollback);
        RULES.put("destructive-migrations", OpsRules::destructiveMigrations);
        RULES.put("runtime-config", OpsRules::runtimeConfig);
        RULES.put("health-checks", OpsRules::removedHealthChecks);
        RULES.put("license-files", LegalRules::licenseFiles);
        RULES.put("dependency-licenses", LegalRules::dependencyLicenses);
        RULES.put("personal-data", LegalRules::personalData);
        RULES.put("public-api", ProductRules::publicApi);
        RULES.put("cli-flags", ProductRules::cliFlags);
        RULES.put("config-keys", ProductRules::configKeys);
        RULES.put("user-facing-strings", ProductRules::userFacingStrings);
        RULES.put("docs-changelog", ProductRules::docsAndChangelog);
    }

    private OfflineRulePacks() {
    }

    static boolean knows(String ruleId) {
        return RULES.containsKey(ruleId);
    }

    static List<String> ruleIds() {
        return List.copyOf(RULES.keySet());
    }

    /** Every finding of {@code persona}'s rules on {@code input}; a proposal is read as one added file. */
    public static List<Finding> apply(Persona persona, ReviewInput input) {
        List<FilePatch> files = input.isProposal() ? List.of(asFile(input)) : input.files();
        List<Finding> findings = new ArrayList<>();
        for (String id : persona.offlineRules()) {
            findings.addAll(RULES.get(id).apply(persona.name(), files));
        }
        return findings;
    }

    private static FilePatch asFile(ReviewInput input) {
        List<String> lines = input.proposal().lines().toList();
        String patch = "@@ -0,0 +1," + lines.size() + " @@\n"
                + lines.stream().map(l -> "+" + l).collect(Collectors.joining("\n"));
        return new FilePatch("proposal", "ADD", patch, false);
    }
}
