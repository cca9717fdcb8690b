package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.review.ReviewJson;
import dev.czar.review.ReviewOptions;
import dev.czar.review.ReviewReport;
import dev.czar.review.ReviewService;
import dev.czar.review.ReviewTarget;
import dev.czar.review.ReviewText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code czar review TARGET [--json] [--out report.md] [--fresh] [--text FILE]}: one review, printed, exit. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Multi-persona review (security, ops, legal-compliance, product) of a branch against main, "
                + "a commit range A..B, or a proposal (--text FILE).")
final class ReviewSubcommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--json", description = "Print the report as one JSON object (verdict, findings, checklist, failed_personas, ...).")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report as Markdown to FILE.")
    Path out;

    @Option(names = "--fresh", description = "Review again even if the same change was reviewed by the same personas.")
    boolean fresh;

    @Option(names = "--text", paramLabel = "FILE", description = "Review a free-text proposal read from FILE instead of a git change.")
    Path text;

    @Option(names = "--persona", paramLabel = "NAME", description = "Run only this persona (repeatable); default: all.")
    List<String> personas = List.of();

    @Parameters(arity = "0..1", paramLabel = "TARGET", description = "Branch (vs main), range A..B, or pull request #N.")
    String target;

    @Override
    public Integer call() {
        if ((target == null) == (text == null)) {
            throw new ParameterException(spec.commandLine(), "give either a TARGET (branch, A..B) or --text FILE, e.g. czar review feature-x");
        }
        try (CzarApp app = parent.start(global)) {
            ReviewTarget what = text != null ? new ReviewTarget.Proposal(text) : ReviewService.target(target);
            ReviewReport report = app.reviews().review(what, new ReviewOptions(fresh, personas));
            PrintWriter stdout = spec.commandLine().getOut();
            if (out != null) {
                write(out, ReviewText.markdown(report));
            }
            stdout.println(json ? ReviewJson.write(report) : ReviewText.terminal(report));
            if (out != null && !json) {
                stdout.println("\nMarkdown report written to " + out);
            }
            stdout.flush();
            return 0;
        }
    }

    private static void write(Path file, String markdown) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
