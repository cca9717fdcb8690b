package dev.czar.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks branch protection requires before a pull request may merge into a branch
 * ({@code GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks}): the names in
 * {@code contexts} and {@code checks[].context}, which match check run names and commit status contexts. Reading it
 * needs admin rights on many repositories; a 404 (not protected, or no required checks) or a 403 (no access) means
 * "not readable", and the gate then looks at every check on the head.
 */
final class RequiredChecks {
    private final GithubClient github;

    RequiredChecks(GithubClient github) {
        this.github = github;
    }

    /**
     * What branch protection says about {@code branch}.
     *
     * @param names the required names, empty when {@code why} says they could not be read
     * @param why   why they are not known ("HTTP 404 \"Branch not protected\""), or {@code null} when read
     */
    record Requirement(String branch, Set<String> names, String why) {
        boolean readable() {
            return why == null;
        }

        /** "required by branch protection on main: build, lint" or why every check counts instead. */
        String describe() {
            return readable() ? "required by branch protection on " + branch + ": " + String.join(", ", names)
                    : "every check counts: branch protection of " + branch + " is not readable (" + why + ")";
        }
    }

    Requirement of(String branch) {
        GithubResponse answer;
        try {
            answer = github.send("GET", "/branches/" + URLEncoder.encode(branch, StandardCharsets.UTF_8)
                    + "/protection/required_status_checks", null, GithubClient.JSON_MEDIA);
        } catch (GithubFailure e) {
            return new Requirement(branch, Set.of(), e.getMessage());
        }
        if (!answer.ok() && answer.status() != 304) {
            String message = answer.message();
            return new Requirement(branch, Set.of(), "HTTP " + answer.status() + (message.isEmpty() ? "" : " \"" + message + "\""));
        }
        Set<String> names = new TreeSet<>();
        JsonNode json = answer.json();
        json.path("contexts").forEach(c -> names.add(c.asText()));
        json.path("checks").forEach(c -> names.add(c.path("context").asText()));
        names.remove("");
        if (names.isEmpty()) {
            return new Requirement(branch, Set.of(), "it requires no checks");
        }
        return new Requirement(branch, java.util.Collections.unmodifiableSet(names), null);
    }
}
