package dev.czar.slack;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.testsupport.SignedSlackRequests;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.TempGitRepo;
import dev.czar.workers.Workstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The whole of czar as {@code czar serve --http} assembles it, with the worker feature on: a real temp repository,
 * real H2, a real supervisor running {@code examples/agents/scripted-agent.sh}, and the real Bolt app behind a
 * loopback port. WireMock stands in for the Slack Web API; notices reach workstream threads as in production.
 */
final class WorkerSlackBed implements AutoCloseable {
    static final String ADMIN = "U0ADMIN001";
    static final String OPERATOR = "U0OPER0001";
    static final String VIEWER = "U0VIEWER01";
    static final String CHANNEL = "C0CHANNEL1";
    private static final Path AGENT = Path.of("examples/agents/scripted-agent.sh").toAbsolutePath();

    final SlackApiStub slack = new SlackApiStub();
    final TempGitRepo repo;
    final CzarApp app;
    final SlackFrontDoor frontDoor;
    private final java.util.List<AutoCloseable> serving;
    final SignedSlackRequests requests;

    WorkerSlackBed(Path dir) {
        repo = TempGitRepo.init(dir.resolve("repo"), "main");
        repo.commit("initial commit", Map.of("README.md", "hello\n"));
        Path config = write(dir.resolve("czar.yaml"), """
                access:
                  admins: [%s]
                  operators: [%s]
                slack:
                  api-url: %s
                dashboard:
                  port: 0
                workers:
                  command: [bash, %s]
                  poll-interval: 50ms
                  input-after: 200ms
                  max-retries: 0
                  unsafe:
                    auto-merge: true
                """.formatted(ADMIN, OPERATOR, slack.apiUrl(), AGENT));
        Clock clock = Clock.systemUTC();
        app = Czar.assemble(new StartOptions(repo.dir(), dir.resolve("home"), config, Map.of(), clock));
        frontDoor = SlackFrontDoor.start(new SlackFrontDoor.Wiring(app.config().slack(), app.access(), app.audit(),
                        app.chat(), app.database(), clock, false),
                new SlackTokens(SlackApiStub.BOT_TOKEN, null, SignedSlackRequests.FAKE_SIGNING_SECRET),
                SlackFrontDoor.Transport.http(0, "127.0.0.1"));
        // as czar serve wires it: notices and alerts through the throttle to each workstream's thread, digests, dashboard
        serving = Czar.serve(app, frontDoor.gateway(), clock);
        app.workers().supervisor().start();
        requests = new SignedSlackRequests(URI.create("http://127.0.0.1:" + frontDoor.httpPort() + SlackHttpEndpoint.PATH),
                SignedSlackRequests.FAKE_SIGNING_SECRET);
    }

    /** Polls (the supervisor runs on its own thread) until the workstream satisfies {@code condition}. */
    Workstream await(String name, Predicate<Workstream> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var ws = app.workers().find(name).filter(condition);
            if (ws.isPresent()) {
                return ws.get();
            }
            sleep(50);
        }
        throw new AssertionError(name + " did not become " + what + "; events: " + app.workers().history().events(name, 20));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        serving.forEach(Czar::closeQuietly);
        frontDoor.close();
        app.close();
        repo.close();
        slack.close();
    }
}
