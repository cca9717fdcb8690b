package dev.czar;

import dev.czar.chat.ChatService;
import dev.czar.command.AccessPolicy;
import dev.czar.config.CzarConfig;
import dev.czar.digest.Digests;
import dev.czar.evidence.bench.BenchEvidence;
import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.review.ReviewService;
import dev.czar.store.AuditLog;
import dev.czar.store.Database;
import dev.czar.workers.Workers;

import java.nio.file.Path;

/**
 * A running czar: its configuration, the chat path every front door uses, and what has to be closed on exit.
 *
 * @param audit   the one audit log, shared by every front door (Slack's confirmations, webhooks, MCP, the dashboard)
 * @param access  the command path's access policy, which Slack's confirmation flow checks too
 * @param notices where the supervisor's notices go; {@code czar serve} points them at Slack threads
 */
public record CzarApp(CzarConfig config, Path home, GitEvidence git, Database database, ChatService chat,
                      ReviewService reviews, Workers workers, BenchEvidence bench, CiSources ci,
                      Digests digests, AuditLog audit, AccessPolicy access, FrontDoorNotices notices)
        implements AutoCloseable {
    @Override
    public void close() {
        workers.close(); // ends worker process groups while the database can still record it
        database.close();
        git.close();
    }
}
