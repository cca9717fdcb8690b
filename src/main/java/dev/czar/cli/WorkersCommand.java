package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.agent.Redactor;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.Json;
import dev.czar.github.PullRequestStore;
import dev.czar.github.PullRequestSummary;
import dev.czar.workers.FleetAnswers;
import dev.czar.workers.GateItem;
import dev.czar.workers.WorkerView;
import dev.czar.workers.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code czar workers [--json] [NAME]}: every workstream with its state, branch head and gate items. Task text,
 * reasons and worker output are shown as {@link Redactor#displayable}: masked, without ANSI or control characters.
 */
@Command(name = "workers", mixinStandardHelpOptions = true, description = "List workstreams: state, branch, head, gate.")
final class WorkersCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--json", description = "Print a JSON array: name, state, branch, head_sha, attempts, gate items,"
            + " paused_from, agent, session_id, turns, last_tool, files_changed, tokens, cost_usd, question,"
            + " pr {number, url, state, checks}.")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Show one workstream in detail.")
    String name;

    /** The stable JSON shape of one workstream. */
    record WorkerJson(String name, String state, String branch, String headSha, int attempts, int priority,
                      String dependsOn, Integer exitCode, String reason, String task, List<GateJson> gate,
                      String pausedFrom, String agent, String sessionId, Integer turns, String lastTool,
                      Integer filesChanged, TokensJson tokens, java.math.BigDecimal costUsd, String question,
                      PullRequestSummary pr, String progress) {
    }

    /** Tokens an agent reported, summed over its runs. */
    record TokensJson(long input, long output) {
    }

    record GateJson(String item, String status, boolean pass, String evidence) {
    }

    @Override
    public Integer call() {
        try (CzarApp app = parent.start(global)) {
            PrintWriter out = spec.commandLine().getOut();
            Workers workers = app.workers();
            if (json) {
                PullRequestStore prs = new PullRequestStore(app.database()); // issue 19: the PR of each workstream
                List<WorkerJson> rows = workers.all().stream().filter(w -> name == null || w.name().equals(name))
                        .map(workers::view).map(v -> toJson(v, workers.config().agent(), prs)).toList();
                out.println(Json.write(rows));
            } else {
                out.println(Redactor.INSTANCE.displayable(new FleetAnswers(workers).overview(name, new EvidenceLog())));
            }
            out.flush();
            return 0;
        }
    }

    private WorkerJson toJson(WorkerView v, String workersAgent, PullRequestStore prs) {
        var ws = v.workstream();
        Redactor r = Redactor.INSTANCE;
        List<GateJson> gate = v.gate().stream().map(i -> new GateJson(i.item(), i.status().name(),
                i.status() == GateItem.Status.PASS, r.displayable(i.evidence()))).toList();
        var agent = v.agent();
        return new WorkerJson(ws.name(), ws.state().name(), r.displayable(ws.branch()), v.headSha(), ws.attempts(),
                ws.priority(), ws.dependsOn(), ws.exitCode(), r.displayable(ws.reason()), r.displayable(ws.summary()), gate,
                ws.pausedFrom() == null ? null : ws.pausedFrom().name(),
                agent == null ? workersAgent : agent.agent(), agent == null ? null : agent.sessionId(),
                agent == null ? null : agent.turns(), agent == null ? null : r.displayable(agent.lastTool()),
                agent == null ? null : agent.filesChanged(),
                agent == null ? null : new TokensJson(agent.inputTokens(), agent.outputTokens()),
                agent == null ? null : agent.costUsd(), r.displayable(v.question()),
                prs.of(ws.name()).map(pr -> PullRequestSummary.of(pr, v.gate())).orElse(null),
                v.progress().isEmpty() ? null : r.displayable(v.progress().line()));
    }
}
