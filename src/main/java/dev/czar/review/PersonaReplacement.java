package dev.czar.review;

/**
 * A repository persona file that replaces a shipped persona of the same name. Named in every report, so a
 * replacement that drops the shipped persona's offline rules (a {@code security} persona with no rules turns a
 * review with leaked secrets into a pass) cannot go unnoticed.
 *
 * @param persona             the persona's name
 * @param path                the replacing file, relative to the repository
 * @param offlineRules        offline rules the replacement applies
 * @param shippedOfflineRules offline rules the shipped persona applies
 */
public record PersonaReplacement(String persona, String path, int offlineRules, int shippedOfflineRules) {
    /** Whether the replacement applies fewer offline rules than the persona it replaces. */
    public boolean weaker() {
        return offlineRules < shippedOfflineRules;
    }

    /** One phrase for reports: {@code security replaced by personas/security.md (0 offline rules; shipped: 4)}. */
    public String describe() {
        return persona + " replaced by " + path + " (" + offlineRules + " offline rule" + (offlineRules == 1 ? "" : "s")
                + "; shipped: " + shippedOfflineRules + ")";
    }
}
