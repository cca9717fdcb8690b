package dev.czar.mcp;

import dev.czar.CzarApp;
import dev.czar.agent.Answerer;
import dev.czar.agent.BenchAnswers;
import dev.czar.agent.CiAnswers;
import dev.czar.agent.OfflineAnswerer;
import dev.czar.agent.ReviewAnswers;
import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.intent.IntentRouter;
import dev.czar.intent.MessageText;
import dev.czar.workers.FleetAnswers;
import dev.czar.workers.WorkerChannel;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code evidence(question)} tool: a worker asks what czar's own agent would read (CI checks of its branch,
 * conflicts with main, benchmark comparisons, git facts) through the read-only STATUS answers {@code czar ask} gives
 * offline (the same answer classes over the same evidence), scoped to its branch: "my branch" becomes its name, and
 * the topics that judge a branch (CI, benchmarks, review) are asked before the fleet's view of its own workstream,
 * which fleet_status already gives. A question the chat path would read as a command is refused: the tools never
 * run commands. Offline on purpose: a worker's question costs no model call.
 */
final class WorkerEvidence {
    private static final Pattern MINE = Pattern.compile("\\b(my|our|this) (branch|work)\\b",
            Pattern.CASE_INSENSITIVE);

    private final Answerer answerer;
    private final WorkerChannel channel;
    private final String self;
    private final Clock clock;

    WorkerEvidence(Answerer answerer, WorkerChannel channel, String self, Clock clock) {
        this.answerer = answerer;
        this.channel = channel;
        this.self = self;
        this.clock = clock;
    }

    /** czar's offline STATUS answers over this app's evidence, branch topics first. */
    static Answerer answerer(CzarApp app, Clock clock) {
        String timeZone = app.config().chat().timeZone();
        ZoneId zone = "system".equals(timeZone) ? ZoneId.systemDefault() : ZoneId.of(timeZone);
        return new OfflineAnswerer(app.git(), clock, zone, app.config().git().recentCommits(), List.of(
                CiAnswers.of(app.ci(), app.git(), clock), BenchAnswers.of(app.bench(), app.git()::mainBranch),
                ReviewAnswers.of(app.reviews(), app.git()), new FleetAnswers(app.workers())));
    }

    Map<String, Object> answer(String question) {
        String scoped = MessageText.clean(scoped(question, channel.branch(self)));
        if (scoped.isEmpty() || new IntentRouter().isInstruction(scoped)) {
            throw new McpRefusal("'" + question + "' reads as a command; evidence only answers questions (e.g. \"is CI"
                    + " green on my branch?\", \"which workstreams conflict?\"); commands are for the humans");
        }
        Answer answer = answerer.status(new Message(scoped, WorkerChannel.actor(self), CzarMcpServer.AUDIT_CHANNEL,
                null, clock.instant()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("question", scoped);
        out.put("answer", answer.text());
        out.put("evidence", answer.evidence().stream().map(e -> {
            Map<String, Object> fact = new LinkedHashMap<>(); // source, ref, detail, url: as `czar ask --json` cites
            fact.put("source", e.source());
            fact.put("ref", e.ref());
            fact.put("detail", e.detail());
            if (e.url() != null) {
                fact.put("url", e.url());
            }
            return fact;
        }).toList());
        out.put("tools", answer.toolCalls().stream().map(t -> t.name() + (t.ok() ? "" : " (failed)")).toList());
        return out;
    }

    /** "my branch", "our work"…: the worker's own branch, so the answer is about its work. */
    static String scoped(String question, String branch) {
        return MINE.matcher(question).replaceAll(Matcher.quoteReplacement(branch));
    }

    /** The tool's examples, in its description. */
    static List<String> examples() {
        return List.of("is CI green on my branch?", "which workstreams conflict?", "is my branch slower than main?",
                "status of my branch");
    }
}
