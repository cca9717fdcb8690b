package dev.czar.evidence.git;

import dev.czar.UserError;

/** The repository cannot answer as asked: not a repository, no such branch, no main branch. */
public class GitEvidenceException extends UserError {
    public GitEvidenceException(String message) {
        super(message);
    }

    public GitEvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
