package dev.czar.review;

import dev.langchain4j.model.output.structured.Description;

import java.util.List;

/**
 * What one persona's model returns, as LangChain4j structured output.
 *
 * @param findings          problems found, worst first
 * @param followUpQuestions what the persona would ask the author
 * @param confidence        0.0-1.0: how sure the persona is, given how much of the change it saw
 */
public record ModelReview(
        @Description("problems found in the change, worst first; empty if none") List<ModelFinding> findings,
        @Description("questions for the author that the change does not answer") List<String> followUpQuestions,
        @Description("your confidence in this review from 0.0 to 1.0") Double confidence) {

    /** One model finding. */
    public record ModelFinding(
            @Description("one of: blocker, major, minor, info") String severity,
            @Description("one line naming the problem; never quote secrets") String title,
            @Description("path of the file it applies to, or null") String file,
            @Description("line number in the new file, or null") Integer line,
            @Description("what the author should do about it") String mitigation) {
    }
}
