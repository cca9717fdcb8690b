package dev.czar.workers;

/** Merges a verified workstream somewhere other than the local repository: its pull request on GitHub (issue 19). */
@FunctionalInterface
public interface RemoteMerge {
    /**
     * Merges {@code ws} at exactly {@code verifiedHead}, the head its gate report checked.
     *
     * @return one line of evidence: what was merged, as which commit
     * @throws WorkerException with the one-line reason it was refused; nothing is merged then
     */
    String merge(Workstream ws, String verifiedHead, String user);
}
