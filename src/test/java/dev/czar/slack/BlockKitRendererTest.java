package dev.czar.slack;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.czar.chat.Answer;
import dev.czar.chat.Evidence;
import dev.czar.chat.ToolCall;
import dev.czar.intent.Intent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BlockKitRendererTest {
    private final BlockKitRenderer renderer = new BlockKitRenderer();

    @Test
    void should_show_the_answer_as_a_section_and_its_evidence_as_context_with_short_shas_and_links() {
        // given
        String sha = "0123456789abcdef0123456789abcdef01234567";
        Answer answer = new Answer(Intent.STATUS, "feature-x is 1 ahead of main", List.of(
                Evidence.git(sha, "head of feature-x"),
                new Evidence("ci", "9876", "run failed", "https://github.com/o/r/actions/runs/9876")),
                List.<ToolCall>of(), 0);

        // when
        BlockKitRenderer.Rendered rendered = renderer.answer(answer);

        // then
        assertThat(rendered.text()).isEqualTo("feature-x is 1 ahead of main");
        assertThat(rendered.blocks()).hasSize(2);
        assertThat(text(rendered.blocks().get(0))).isEqualTo("feature-x is 1 ahead of main");
        List<String> evidence = ((ContextBlock) rendered.blocks().get(1)).getElements().stream()
                .map(e -> ((MarkdownTextObject) e).getText()).toList();
        assertThat(evidence).containsExactly("git `0123456` head of feature-x",
                "ci <https://github.com/o/r/actions/runs/9876|9876> run failed");
    }

    @Test
    void should_split_a_long_answer_into_sections_within_slacks_limits_and_cut_past_fifty_blocks() {
        // given 200 lines of 100 characters = 20,000 characters, with 30 evidence items
        String text = String.join("\n", IntStream.range(0, 2000).mapToObj(i -> "x".repeat(99)).toList());
        List<Evidence> evidence = IntStream.range(0, 30).mapToObj(i -> Evidence.git("%040x".formatted(i), "commit " + i)).toList();

        // when
        BlockKitRenderer.Rendered rendered = renderer.answer(new Answer(Intent.STATUS, text, evidence, List.of(), 0));

        // then
        assertThat(rendered.blocks()).hasSizeLessThanOrEqualTo(BlockKitRenderer.MAX_BLOCKS);
        assertThat(rendered.blocks()).filteredOn(b -> b instanceof SectionBlock)
                .allSatisfy(b -> assertThat(text(b).length()).isLessThanOrEqualTo(BlockKitRenderer.MAX_TEXT));
        assertThat(text(lastSection(rendered.blocks()))).contains("more characters not shown");
        assertThat(rendered.blocks()).filteredOn(b -> b instanceof ContextBlock).hasSize(3)
                .allSatisfy(b -> assertThat(((ContextBlock) b).getElements()).hasSizeLessThanOrEqualTo(10));
        assertThat(rendered.text().length()).isLessThanOrEqualTo(BlockKitRenderer.MAX_TEXT);
    }

    @Test
    void should_escape_slack_control_characters_in_answers() {
        // when
        BlockKitRenderer.Rendered rendered = renderer.answer(Answer.conversation("a <b> & <!channel>"));

        // then
        assertThat(text(rendered.blocks().get(0))).isEqualTo("a &lt;b&gt; &amp; &lt;!channel&gt;");
    }

    @Test
    void should_neutralise_mentions_links_and_secrets_from_branch_names_in_blocks_and_in_the_fallback_text() {
        // given: an answer quoting a hostile branch name and commit subject
        Answer answer = new Answer(Intent.STATUS, "branch <!here> at 1a2b3c4: <https://evil.example|Click to re-auth>"
                + " <!channel> <@U0ADMIN001> <#C0CHANNEL1> <!subteam^S0TEAM> key AKIAQWERTYUIOPASDFGH \u001b[2J",
                List.of(new Evidence("git", "<!here>", "<!channel> ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
                        "https://github.com/o/r/tree/x")), List.of(), 0);

        // when
        BlockKitRenderer.Rendered rendered = renderer.answer(answer);

        // then
        String expected = "branch &lt;!here&gt; at 1a2b3c4: &lt;https://evil.example|Click to re-auth&gt; &lt;!channel&gt;"
                + " &lt;@U0ADMIN001&gt; &lt;#C0CHANNEL1&gt; &lt;!subteam^S0TEAM&gt; key [REDACTED:aws-access-key] ";
        assertThat(rendered.text()).isEqualTo(expected);
        assertThat(text(rendered.blocks().get(0))).isEqualTo(expected);
        // czar's own evidence link stays a link; its label and detail are inert
        assertThat(((MarkdownTextObject) ((ContextBlock) rendered.blocks().get(1)).getElements().get(0)).getText())
                .isEqualTo("git <https://github.com/o/r/tree/x|&lt;!here&gt;> &lt;!channel&gt; [REDACTED:github-token]");
    }

    @Test
    void should_show_a_confirmation_of_a_hostile_command_inert_with_only_czars_own_mention() {
        // given
        PendingConfirmations.Pending pending = new PendingConfirmations.Pending("p1", "U0ADMIN001", "C0CHANNEL1", null,
                "kill <!channel> xoxb-123456789012-abcdefghijklmnop", java.time.Instant.EPOCH);

        // when
        BlockKitRenderer.Rendered prompt = renderer.confirmationPrompt(pending, 300);

        // then
        assertThat(prompt.text()).isEqualTo("Confirm kill &lt;!channel&gt; [REDACTED:slack-token]?");
        assertThat(text(prompt.blocks().get(0))).startsWith("<@U0ADMIN001> asked for `kill &lt;!channel&gt; [REDACTED:slack-token]`");
    }

    @Test
    void should_render_text_passed_on_from_elsewhere_as_plain_in_blocks_and_fallback() {
        // when
        BlockKitRenderer.Rendered rendered = renderer.plain("digest: @channel <!everyone> & done");

        // then
        assertThat(rendered.text()).isEqualTo("digest: @\u2060channel &lt;!everyone&gt; &amp; done");
        assertThat(text(rendered.blocks().get(0))).isEqualTo(rendered.text());
    }

    @Test
    void should_never_split_an_emoji_between_sections() {
        // given a run of emoji (surrogate pairs) with no line breaks
        String text = "😀".repeat(4000);

        // when
        List<String> chunks = BlockKitRenderer.chunks(text, BlockKitRenderer.MAX_TEXT);

        // then
        assertThat(String.join("", chunks)).isEqualTo(text);
        assertThat(chunks).allSatisfy(c -> assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).isFalse());
    }

    private static String text(LayoutBlock block) {
        return ((SectionBlock) block).getText().getText();
    }

    private static LayoutBlock lastSection(List<LayoutBlock> blocks) {
        return blocks.stream().filter(b -> b instanceof SectionBlock).reduce((a, b) -> b).orElseThrow();
    }
}
