package dev.czar.workers;

import dev.czar.store.AuditLog;
import dev.czar.understanding.TextEmbedder;

import java.util.List;

/**
 * Everything the worker feature works with besides its config, home, repository and database, handed over when it is
 * built ({@link Workers#open}); nothing is wired in afterwards. {@link #defaults()} is a fleet on its own: the backend
 * {@code workers.backend} names, notices to the log, word-overlap duplicates, no task-fit, CI, review, pull requests,
 * remote or MCP server. The composition root ({@code Czar.assemble}) fills in what is configured through {@link #builder()}.
 *
 * @param backend             where workers run; {@code null}: the one {@code workers.backend} names
 * @param notices             where the supervisor tells each workstream's thread what happened
 * @param duplicates          how task texts are compared, by fleet checks and at launch (issue 24)
 * @param duplicateSimilarity how similar two tasks are before a launch warns of possible duplicate work
 * @param taskFit             the task-fit judgement (issue 24), or {@code null} for none
 * @param ci                  the Definition of Done's CI item
 * @param review              the personas' review as a Definition of Done item
 * @param publisher           pushes branches and keeps pull requests in step with the gate (issue 19)
 * @param remoteMerge         how {@code czar merge} merges, through a pull request; {@code null}: a local merge commit
 * @param remote              the remote kept fetched, whose main work starts from (issue 19)
 * @param pullRequests        where the views read each workstream's pull request from (issue 19)
 * @param mcpCommand          how a worker's agent starts {@code czar mcp} (issue 21); {@code null}: no MCP server
 * @param audit               the audit log (course corrections are recorded there); {@code null}: one over the database
 */
public record WorkersWiring(WorkerBackend backend, WorkerNotices notices, DuplicateDetector duplicates,
                            double duplicateSimilarity, TaskFitting taskFit, CiGate.Check ci, ReviewGate.Check review,
                            BranchPublisher publisher, RemoteMerge remoteMerge, RemoteSync remote,
                            PullRequestSource pullRequests, List<String> mcpCommand, AuditLog audit) {

    /**
     * How task fit is judged: by meaning with {@code embedder} and {@code margin}, plus the model's reading in the
     * gate when an llm is configured ({@code reader}, or {@code null}).
     */
    public record TaskFitting(TextEmbedder embedder, double margin, ModelTaskFit reader) {
    }

    public WorkersWiring {
        mcpCommand = mcpCommand == null ? null : List.copyOf(mcpCommand);
    }

    public static WorkersWiring defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A wiring with some parts other than {@link #defaults()}; tests and the composition root set what they have. */
    public static final class Builder {
        private WorkerBackend backend;
        private WorkerNotices notices = WorkerNotices.toLog();
        private DuplicateDetector duplicates = new DuplicateDetector();
        private double duplicateSimilarity = DuplicateDetector.SIMILAR_TASKS;
        private TaskFitting taskFit;
        private CiGate.Check ci = CiGate.Check.NONE;
        private ReviewGate.Check review = ReviewGate.Check.NONE;
        private BranchPublisher publisher = BranchPublisher.NONE;
        private RemoteMerge remoteMerge;
        private RemoteSync remote = RemoteSync.NONE;
        private PullRequestSource pullRequests = PullRequestSource.NONE;
        private List<String> mcpCommand;
        private AuditLog audit;

        private Builder() {
        }

        public Builder backend(WorkerBackend value) { backend = value; return this; }

        public Builder notices(WorkerNotices value) { notices = value; return this; }

        /** Compares task texts by meaning (issue 24): {@link TextEmbedder#OFF} keeps the word rules. */
        public Builder comparingTasks(TextEmbedder embedder, double similarity, double overlapSimilarity) {
            duplicates = new DuplicateDetector(embedder, similarity, overlapSimilarity);
            duplicateSimilarity = similarity;
            return this;
        }

        /** Judges task fit whenever a branch moves and in the gate (issue 24); {@code reader} may be {@code null}. */
        public Builder judgingFit(TextEmbedder embedder, double margin, ModelTaskFit reader) {
            taskFit = new TaskFitting(embedder, margin, reader);
            return this;
        }

        public Builder ci(CiGate.Check value) { ci = value; return this; }

        public Builder review(ReviewGate.Check value) { review = value; return this; }

        /** Publishes branches as pull requests; {@code merge} merges through them ({@code null}: a local merge). */
        public Builder publishing(BranchPublisher value, RemoteMerge merge) {
            publisher = value;
            remoteMerge = merge;
            return this;
        }

        public Builder remote(RemoteSync value) { remote = value; return this; }

        public Builder pullRequests(PullRequestSource value) { pullRequests = value; return this; }

        /** Gives every worker czar's MCP server, started with {@code command} (issue 21). */
        public Builder mcpCommand(List<String> command) { mcpCommand = command; return this; }

        public Builder audit(AuditLog value) { audit = value; return this; }

        public WorkersWiring build() {
            return new WorkersWiring(backend, notices, duplicates, duplicateSimilarity, taskFit, ci, review, publisher,
                    remoteMerge, remote, pullRequests, mcpCommand, audit);
        }
    }
}
