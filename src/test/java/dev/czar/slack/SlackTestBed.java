package dev.czar.slack;

import dev.czar.agent.OfflineAnswerer;
import dev.czar.agent.StatusCommand;
import dev.czar.chat.ChatService;
import dev.czar.command.AccessPolicy;
import dev.czar.command.CommandPath;
import dev.czar.command.CommandRegistry;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Role;
import dev.czar.config.AccessConfig;
import dev.czar.config.GitConfig;
import dev.czar.config.SlackConfig;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.intent.IntentRouter;
import dev.czar.store.AuditLog;
import dev.czar.store.ConversationStore;
import dev.czar.store.Database;
import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.TempGitRepo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real czar behind a real Bolt app on a loopback HTTP port: real temp git repo, real H2, the real chat path, and
 * WireMock as the Slack Web API. The only stand-in on czar's side is {@code kill}, a destructive command that
 * records what it was asked to stop (the worker feature that owns the real one is not part of this build).
 */
final class SlackTestBed implements AutoCloseable {
    static final String VIEWER = "U0VIEWER01";
    static final String ADMIN = "U0ADMIN001";
    static final String OTHER_ADMIN = "U0ADMIN002";
    static final CommandSpec KILL = new CommandSpec("kill", List.of(), "kill <worker>", "stop a worker",
            Role.ADMIN, true);

    final SlackApiStub slack = new SlackApiStub();
    final TempGitRepo repo;
    final GitEvidence git;
    final Database db;
    final AuditLog audit;
    final CommandPath commands;
    final ChatService chat;
    final List<String> killed = new CopyOnWriteArrayList<>();
    final SlackFrontDoor frontDoor;
    final SignedSlackRequests requests;

    SlackTestBed(Path dir, SlackConfig config) {
        this(dir, config, dev.czar.testsupport.MemoryDatabase.open());
    }

    SlackTestBed(Path dir, SlackConfig config, Database db) {
        this(dir, config, db, Clock.systemUTC());
    }

    /** @param clock czar's one clock (a {@code MutableClock} ages confirmations without waiting) */
    SlackTestBed(Path dir, SlackConfig config, Database db, Clock clock) {
        this(dir, config, db, SlackFrontDoor.Transport.http(0, "127.0.0.1"),
                new SlackTokens(SlackApiStub.BOT_TOKEN, null, SignedSlackRequests.FAKE_SIGNING_SECRET), stub -> { }, clock);
    }

    SlackTestBed(Path dir, SlackConfig config, Database db, SlackFrontDoor.Transport transport, SlackTokens tokens,
                 java.util.function.Consumer<SlackApiStub> beforeStart) {
        this(dir, config, db, transport, tokens, beforeStart, Clock.systemUTC());
    }

    /**
     * @param beforeStart runs against the Slack stub before czar starts (e.g. to offer Socket Mode connections)
     */
    SlackTestBed(Path dir, SlackConfig config, Database db, SlackFrontDoor.Transport transport, SlackTokens tokens,
                 java.util.function.Consumer<SlackApiStub> beforeStart, Clock clock) {
        repo = TempGitRepo.init(dir.resolve("repo"), "main");
        repo.commit("initial commit", Map.of("README.md", "hello\n"));
        repo.branch("feature-x").checkout("feature-x");
        repo.commit("add feature x", Map.of("x.txt", "x\n"));
        repo.checkout("main");
        git = GitEvidence.open(repo.dir(), new GitConfig(null, null));
        this.db = db;
        audit = new AuditLog(db, clock);
        OfflineAnswerer answerer = new OfflineAnswerer(git, clock, ZoneOffset.UTC, 10);
        CommandRegistry registry = new CommandRegistry()
                .register(StatusCommand.SPEC, new StatusCommand(answerer))
                .register(KILL, (request, log) -> {
                    killed.add(request.argumentText());
                    return CommandResult.ok("Stopped worker " + request.argumentText() + ".");
                });
        AccessConfig access = new AccessConfig(List.of(ADMIN, OTHER_ADMIN), List.of(), "admin");
        AccessPolicy policy = new AccessPolicy(access); // one policy for the command path and the confirmations
        commands = new CommandPath(registry, policy, audit);
        chat = new ChatService(new IntentRouter(), answerer, commands, new ConversationStore(db, clock), 8000);
        SlackConfig withStub = new SlackConfig(slack.apiUrl(), config.workers(), config.queueCapacity(),
                config.workingAfterMs(), config.confirmTtlSeconds(), config.postAttempts(), config.retryBackoffMs(),
                config.channels(), config.workspaceUrl(), config.reclaimAfterSeconds());
        beforeStart.accept(slack);
        frontDoor = SlackFrontDoor.start(new SlackFrontDoor.Wiring(withStub, policy, audit, chat, db, clock, false), tokens, transport);
        requests = transport.isHttp() ? new SignedSlackRequests(endpoint(), SignedSlackRequests.FAKE_SIGNING_SECRET) : null;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + frontDoor.httpPort() + SlackHttpEndpoint.PATH);
    }

    @Override
    public void close() {
        frontDoor.close();
        git.close();
        db.close();
        repo.close();
        slack.close();
    }
}
