package dev.czar.store;

import java.util.Optional;

/**
 * The outcome of walking the audit chain.
 *
 * @param rows      rows walked
 * @param head      the hash of the last row walked ({@link AuditChain#GENESIS} for an empty log)
 * @param brokenAt  id of the first row whose link does not hold, or the chain head's last id when rows are missing at
 *                  the end; empty when the chain holds
 * @param problem   what does not match at that link; empty when the chain holds
 */
public record AuditVerification(long rows, String head, Optional<Long> brokenAt, Optional<String> problem) {
    static AuditVerification intact(long rows, String head) {
        return new AuditVerification(rows, head, Optional.empty(), Optional.empty());
    }

    static AuditVerification broken(long rows, String head, long rowId, String problem) {
        return new AuditVerification(rows, head, Optional.of(rowId), Optional.of(problem));
    }

    public boolean intact() {
        return problem.isEmpty();
    }

    /** One line for the CLI, chat, dashboard and digests. */
    public String line() {
        return intact()
                ? "audit log intact: " + rows + " rows, chain head " + head
                : "audit log TAMPERED: first broken link at row " + brokenAt.orElseThrow() + ": " + problem.orElseThrow();
    }
}
