package dev.czar.workers.agents;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Plain output of any program: a line matching the done pattern is its claim of done (the first one only), a last
 * line matching the prompt pattern is a question (even before its line break arrives), anything else is output.
 */
final class CommandStream implements AgentStream {
    private static final int CLAIM_CHARS = 300;
    /** Longer lines are matched on their start only: a claim or a prompt is short. */
    private static final int MATCH_CHARS = 1_024;

    private final Pattern prompt;
    private final Pattern done;
    private boolean claimed;

    CommandStream(Pattern prompt, Pattern done) {
        this.prompt = prompt;
        this.done = done;
    }

    @Override
    public List<WorkerEvent> line(String line) {
        String head = line.length() <= MATCH_CHARS ? line : line.substring(0, MATCH_CHARS);
        if (done != null && !claimed && done.matcher(head).find()) {
            claimed = true;
            String claim = head.strip();
            return List.of(new WorkerEvent.DoneClaim(claim.length() <= CLAIM_CHARS ? claim
                    : claim.substring(0, CLAIM_CHARS - 3) + "..."));
        }
        if (head.isBlank()) {
            return List.of(); // a trailing empty line does not take back a question
        }
        return asks(head) ? List.of(new WorkerEvent.Prompt(head.strip())) : List.of(new WorkerEvent.Output(line));
    }

    @Override
    public List<WorkerEvent> partial(String unterminatedLine) {
        String head = unterminatedLine.length() <= MATCH_CHARS ? unterminatedLine : unterminatedLine.substring(0, MATCH_CHARS);
        return !head.isBlank() && asks(head) ? List.of(new WorkerEvent.Prompt(head.strip())) : List.of();
    }

    private boolean asks(String line) {
        return prompt.matcher(line.strip()).find();
    }
}
