package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.github.GithubWebhook;
import dev.czar.slack.SlackFrontDoor;
import dev.czar.slack.SlackTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code czar serve [--http PORT]}: czar on Slack until stopped. Tokens come from the environment only. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run czar on Slack. Socket Mode by default (needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN);",
                "--http PORT serves /slack/events instead (needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--http", paramLabel = "PORT",
            description = "Serve Slack events, commands and interactivity on http://BIND:PORT/slack/events (0 = any free port).")
    Integer httpPort;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Interface for --http (default ${DEFAULT-VALUE}; put a TLS reverse proxy in front for Slack).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw new UserError("--http needs a port between 0 and 65535; got " + httpPort);
        }
        SlackTokens tokens = SlackTokens.fromEnv(parent.env());
        String missing = tokens.missingFor(httpPort != null);
        if (missing != null) {
            throw new UserError(missing);
        }
        SlackFrontDoor.Transport transport = httpPort != null ? SlackFrontDoor.Transport.http(httpPort, bind)
                : SlackFrontDoor.Transport.socketMode();
        CzarApp app = parent.start(global);
        // issue 19: GitHub's webhook shares the HTTP endpoint (one public URL behind the proxy); polling stays otherwise
        Optional<GithubWebhook> webhook = GithubWebhook.fromConfig(app.config().ci().github(), app.database(), app.workers(),
                app.audit(), parent.clock());
        if (webhook.isPresent() && transport.isHttp()) {
            transport = transport.withRoute(GithubWebhook.PATH, webhook.get());
        }
        SlackFrontDoor slack;
        try {
            slack = SlackFrontDoor.start(new SlackFrontDoor.Wiring(app.config().slack(), app.access(), app.audit(),
                    app.chat(), app.database(), parent.clock(), app.config().llm().enabled()), tokens, transport);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        DigestServing digests; // issue 8: alerts, scheduled digests, dashboard
        try {
            digests = DigestServing.start(app, slack.gateway(), parent.clock());
        } catch (RuntimeException e) {
            slack.close();
            app.close();
            throw e;
        }
        if (app.workers().config().enabled()) {
            app.workers().supervisor().start(); // issue 5: supervises unless another czar process on this home does
            StopSignals.onStop(app.workers()::close);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            digests.close();
            slack.close();
            app.close();
            stopped.countDown();
        }, "czar-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("czar serving Slack over " + slack.transportName()
                + (transport.isHttp() ? " at http://" + bind + ":" + slack.httpPort() + "/slack/events" : "")
                + " for " + app.git().root() + "; logs in " + app.home().resolve("logs") + ". Ctrl-C to stop.");
        digests.dashboardUrl().ifPresent(url -> out.println("dashboard at " + url));
        if (webhook.isPresent()) {
            out.println(transport.isHttp() ? "GitHub webhooks at http://" + bind + ":" + slack.httpPort() + GithubWebhook.PATH
                    : "ci.github.webhook-secret is set but GitHub webhooks need --http PORT; checks are polled");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
