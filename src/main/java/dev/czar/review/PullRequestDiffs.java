package dev.czar.review;

import dev.czar.UserError;
import dev.czar.evidence.git.FilePatch;
import dev.czar.github.GithubClient;
import dev.czar.github.GithubFailure;
import dev.czar.github.GithubResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub pull request's diff, fetched read-only through czar's one {@link GithubClient}
 * ({@code GET /repos/{owner}/{repo}/pulls/{n}} with {@code Accept: application/vnd.github.diff}) and split into one
 * patch per file. Off while {@code ci.github.repo} is empty; the token is optional for public repositories.
 */
public final class PullRequestDiffs {
    private static final String DIFF = "application/vnd.github.diff";

    private final GithubClient github;

    /** @param github {@code null} when GitHub is not configured */
    public PullRequestDiffs(GithubClient github) {
        this.github = github;
    }

    /** A client that never calls out: for front doors and tests without GitHub. */
    public static PullRequestDiffs notConfigured() {
        return new PullRequestDiffs(null);
    }

    /**
     * @throws UserError when GitHub is not configured, refuses, or the pull request does not exist
     */
    public List<FilePatch> patches(int number) {
        if (github == null) {
            throw new UserError("reviewing pull requests needs GitHub, which is not configured (ci.github.repo);"
                    + " review the branch instead");
        }
        GithubResponse response;
        try {
            response = github.send("GET", "/pulls/" + number, null, DIFF);
        } catch (GithubFailure e) {
            throw new UserError("cannot read pull request #" + number + " from GitHub: " + e.getMessage(), e);
        }
        return switch (response.status()) {
            case 200 -> split(response.body());
            case 404 -> throw new UserError("no pull request #" + number + " in " + github.repo()
                    + (github.authenticated() ? "" : " (private repository? set GITHUB_TOKEN)"));
            case 401, 403 -> throw new UserError("GitHub refused to show pull request #" + number + " (HTTP "
                    + response.status() + "): check GITHUB_TOKEN and its access to " + github.repo());
            case 406, 422 -> throw new UserError("GitHub cannot produce the diff of pull request #" + number
                    + " (too large?): review its branch instead");
            default -> throw new UserError("GitHub answered HTTP " + response.status() + " for pull request #" + number);
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
