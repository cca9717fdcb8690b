package dev.czar.cli;

import dev.czar.UserError;
import dev.czar.config.ConfigLoader;
import dev.czar.config.CzarConfig;
import dev.czar.store.Database;
import dev.czar.store.StoreCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code czar store migrate --from-h2 HOME} (issue 23): thin adapter over {@link StoreCopy}. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Where czar keeps its state.",
        subcommands = StoreSubcommand.Migrate.class)
final class StoreSubcommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CzarCommand.USAGE;
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Copy a home's H2 state into the PostgreSQL store that store.url names (idempotent; row counts"
                    + " and the audit chain are checked afterwards).")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        StoreSubcommand store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Option(names = "--from-h2", required = true, paramLabel = "HOME", description = "The czar home whose db/ to copy.")
        Path fromHome;

        @Override
        public Integer call() {
            CzarCommand root = store.parent;
            Map<String, String> env = root.env();
            CzarConfig config = new ConfigLoader(env).load(GlobalOptions.config(global, root.global, env));
            if (!config.store().onServer()) {
                throw new UserError("store.url names no PostgreSQL server to migrate into: set it in the config (or"
                        + " CZAR_STORE_URL) with CZAR_STORE_USER and CZAR_STORE_PASSWORD");
            }
            try (Database from = Database.openExisting(fromHome);
                 Database to = Database.openServer(config.store().url(), env.get("CZAR_STORE_USER"), env.get("CZAR_STORE_PASSWORD"))) {
                StoreCopy.Result result = StoreCopy.copy(from, to);
                PrintWriter out = spec.commandLine().getOut();
                for (StoreCopy.TableCopy t : result.tables()) {
                    out.printf("%-26s %9d rows  %s%n", t.table(), t.sourceRows(),
                            t.alreadyThere() ? "already there" : "copied " + t.copied());
                }
                out.println("copied " + result.copiedRows() + " rows into " + config.store().url() + "; " + result.audit().line());
                out.flush();
                return 0;
            }
        }
    }
}
