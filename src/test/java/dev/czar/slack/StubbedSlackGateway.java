package dev.czar.slack;

import com.slack.api.Slack;
import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.SlackApiStub;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link SlackGateway} wired as the front door wires it, against the Slack stand-in, for tests without a Bolt app. */
final class StubbedSlackGateway implements AutoCloseable {
    final SlackGateway gateway;
    final SlackApiStub slack;
    final Database db;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final boolean ownsStandIns;

    /** Against a stand-in and an in-memory database of its own, both closed with it. */
    static StubbedSlackGateway standalone() {
        SlackApiStub slack = new SlackApiStub();
        Database db = Database.open("jdbc:h2:mem:gateway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new StubbedSlackGateway(slack, db, Clock.systemUTC(), true);
    }

    StubbedSlackGateway(SlackApiStub slack, Database db, Clock clock) {
        this(slack, db, clock, false);
    }

    private StubbedSlackGateway(SlackApiStub slack, Database db, Clock clock, boolean ownsStandIns) {
        this.slack = slack;
        this.db = db;
        this.ownsStandIns = ownsStandIns;
        Slack sdk = Slack.getInstance(SlackFrontDoor.sdkConfig(new SlackConfig(slack.apiUrl())));
        SlackPoster poster = new SlackPoster(sdk.methods(SlackApiStub.BOT_TOKEN), new SlackOutbox(db, clock), 2, 10);
        gateway = new SlackGateway(poster, new ThreadMemory(db, clock), new WorkingIndicator(poster, timers, 1000),
                new PendingConfirmations(db, clock, Duration.ofMinutes(5)));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        if (ownsStandIns) {
            db.close();
            slack.close();
        }
    }
}
