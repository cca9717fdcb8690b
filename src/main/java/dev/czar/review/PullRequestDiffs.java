package dev.czar.review;

import dev.czar.UserError;
import dev.czar.config.CiConfig;
import dev.czar.evidence.git.FilePatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub pull request's diff, fetched read-only from the REST API ({@code GET /repos/{owner}/{repo}/pulls/{n}}
 * with {@code Accept: application/vnd.github.diff}) and split into one patch per file. Off while
 * {@code ci.github.repo} is empty; the token ({@code GITHUB_TOKEN}) is optional for public repositories.
 */
public final class PullRequestDiffs {
    private final CiConfig.GithubConfig github;
    private final String token;
    private final HttpClient http;

    public PullRequestDiffs(CiConfig.GithubConfig github, String token, HttpClient http) {
        this.github = github;
        this.token = token == null ? "" : token.strip();
        this.http = http;
    }

    /** A client that never calls out: for front doors and tests without GitHub. */
    public static PullRequestDiffs notConfigured() {
        return new PullRequestDiffs(new CiConfig.GithubConfig(null, null), null, null);
    }

    /**
     * @throws UserError when GitHub is not configured, refuses, or the pull request does not exist
     */
    public List<FilePatch> patches(int number) {
        if (!github.enabled()) {
            throw new UserError("reviewing pull requests needs GitHub, which is not configured (ci.github.repo);"
                    + " review the branch instead");
        }
        String url = github.apiUrl().replaceAll("/+$", "") + "/repos/" + github.repo() + "/pulls/" + number;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github.diff").header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "czar").GET();
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UserError("cannot reach GitHub at " + github.apiUrl() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while fetching pull request #" + number);
        }
        return switch (response.statusCode()) {
            case 200 -> split(response.body());
            case 404 -> throw new UserError("no pull request #" + number + " in " + github.repo()
                    + (token.isEmpty() ? " (private repository? set GITHUB_TOKEN)" : ""));
            case 401, 403 -> throw new UserError("GitHub refused to show pull request #" + number + " (HTTP "
                    + response.statusCode() + "): check GITHUB_TOKEN and its access to " + github.repo());
            case 406, 422 -> throw new UserError("GitHub cannot produce the diff of pull request #" + number
                    + " (too large?): review its branch instead");
            default -> throw new UserError("GitHub answered HTTP " + response.statusCode() + " for pull request #" + number);
        };
    }

    /** Splits {@code git diff} output at each {@code diff --git} header. */
    static List<FilePatch> split(String diff) {
        List<FilePatch> files = new ArrayList<>();
        StringBuilder current = null;
        for (String line : diff.split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                if (current != null) {
                    files.add(toPatch(current.toString()));
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            files.add(toPatch(current.toString()));
        }
        return files;
    }

    private static FilePatch toPatch(String text) {
        String header = text.substring(0, text.indexOf('\n'));
        String path = header.substring(header.lastIndexOf(" b/") + 3);
        String change = "MODIFY";
        boolean binary = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("@@")) {
                break;
            } else if (line.startsWith("new file mode")) {
                change = "ADD";
            } else if (line.startsWith("deleted file mode")) {
                change = "DELETE";
            } else if (line.startsWith("rename from")) {
                change = "RENAME";
            } else if (line.startsWith("Binary files")) {
                binary = true;
            } else if (line.startsWith("+++ b/")) {
                path = line.substring(6);
            }
        }
        return new FilePatch(path, change, binary ? "" : text, binary);
    }
}
