package dev.czar.cli;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.web.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code czar dashboard [--port N]}: the read-only web dashboard alone, until stopped. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the read-only dashboard (fleet, conflicts, CI, benchmark charts, audit log) on dashboard.bind:port.")
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--port", paramLabel = "PORT", description = "Port instead of dashboard.port (0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        if (port != null && (port < 0 || port > 65535)) {
            throw new UserError("--port needs a port between 0 and 65535; got " + port);
        }
        CzarApp app = parent.start(global);
        Dashboard dashboard;
        try {
            dashboard = Czar.dashboard(app, parent.clock(), port);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            app.close();
            stopped.countDown();
        }, "czar-dashboard-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("czar dashboard at " + dashboard.url() + " for " + app.git().root() + ". Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
