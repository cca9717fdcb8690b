package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.chat.Json;
import dev.czar.evidence.ci.CiStatus;
import dev.czar.evidence.ci.CiText;
import dev.czar.evidence.ci.JunitReportImporter;
import dev.czar.evidence.ci.TestReport;
import dev.czar.evidence.ci.TestReports;
import dev.czar.evidence.git.BranchInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code czar ci status|import-junit|tests}: thin adapters over the CI evidence services. */
@Command(name = "ci", mixinStandardHelpOptions = true,
        description = "CI evidence: GitHub Actions runs of a branch or commit, and imported JUnit XML test reports.",
        subcommands = {CiCommand.Status.class, CiCommand.ImportJunit.class, CiCommand.Tests.class})
final class CiCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CzarCommand.USAGE;
    }

    /** Shared plumbing of the subcommands: start the app, print. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        CiCommand ci;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        GlobalOptions global = new GlobalOptions();

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() {
            try (CzarApp app = ci.parent.start(global)) {
                PrintWriter out = spec.commandLine().getOut();
                run(app, out);
                out.flush();
                return 0;
            }
        }

        abstract void run(CzarApp app, PrintWriter out);

        /** A branch name becomes its head commit; anything else must be a commit id. */
        static String commitOf(CzarApp app, String ref) {
            return app.git().find(ref).map(BranchInfo::head).map(h -> h.sha()).orElse(ref);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Latest GitHub Actions run of each workflow for a branch or full commit SHA, with failing jobs and steps.")
    static final class Status extends Sub {
        @Parameters(index = "0", paramLabel = "REF", description = "Branch name or 40-character commit SHA.")
        String ref;

        @Override
        void run(CzarApp app, PrintWriter out) {
            CiStatus status = app.ci().actions().status(ref);
            out.println(json ? Json.write(status) : CiText.render(status, ci.parent.clock().instant()));
        }
    }

    @Command(name = "import-junit", mixinStandardHelpOptions = true,
            description = "Import JUnit XML reports (Surefire/Failsafe, pytest --junitxml, Gradle) as test evidence for a commit.")
    static final class ImportJunit extends Sub {
        @Option(names = "--commit", required = true, paramLabel = "REF", description = "Commit id, or a branch (its head).")
        String commit;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Report files.")
        List<Path> files;

        @Override
        void run(CzarApp app, PrintWriter out) {
            JunitReportImporter.Result result = app.ci().junit().importReports(commitOf(app, commit), files);
            if (json) {
                out.println(Json.write(result));
                everyReportRejected(result, out);
                return;
            }
            out.println("Imported " + result.imported().size() + " report(s), " + result.alreadyImported().size()
                    + " already imported, " + result.rejected().size() + " rejected.");
            for (TestReport r : result.imported()) {
                out.println("  " + r.source() + ": " + r.tests() + " tests, " + r.failures() + " failed, " + r.errors()
                        + " errored, " + r.skipped() + " skipped");
            }
            result.rejected().forEach(r -> out.println("  rejected " + r.file() + ": " + r.reason()));
            everyReportRejected(result, out);
        }

        /** An import that kept nothing is a failure the exit code must show (a CI step must not go green). */
        private static void everyReportRejected(JunitReportImporter.Result result, PrintWriter out) {
            if (result.imported().isEmpty() && result.alreadyImported().isEmpty()) {
                out.flush();
                throw new UserError("every report was rejected; nothing was imported");
            }
        }
    }

    @Command(name = "tests", mixinStandardHelpOptions = true, description = "What imported test reports say about a commit.")
    static final class Tests extends Sub {
        @Parameters(index = "0", paramLabel = "REF", description = "Commit id (or prefix), or a branch (its head).")
        String ref;

        @Override
        void run(CzarApp app, PrintWriter out) {
            List<TestReport> reports = app.ci().tests().forCommit(commitOf(app, ref));
            out.println(json ? Json.write(reports) : TestReports.render(ref, reports));
        }
    }
}
