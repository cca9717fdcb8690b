package dev.czar.slack;

import com.slack.api.Slack;
import dev.czar.config.SlackConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.SlackApiStub;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link SlackGateway} wired as the front door wires it, against the Slack stand-in, for tests without a Bolt app. */
final class StubbedSlackGateway implements AutoCloseable {
    final SlackGateway gateway;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    StubbedSlackGateway(SlackApiStub slack, Database db, Clock clock) {
        Slack sdk = Slack.getInstance(SlackFrontDoor.sdkConfig(new SlackConfig(slack.apiUrl())));
        SlackPoster poster = new SlackPoster(sdk.methods(SlackApiStub.BOT_TOKEN), new SlackOutbox(db, clock), 2, 10);
        gateway = new SlackGateway(poster, new ThreadMemory(db, clock), new WorkingIndicator(poster, timers, 1000));
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
