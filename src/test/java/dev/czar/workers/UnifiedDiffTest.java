package dev.czar.workers;

import dev.czar.UserError;
import dev.czar.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code czar fit --diff} reads what {@code git diff} and {@code git format-patch} wrote (fixtures made by real git). */
class UnifiedDiffTest {
    @Test
    void should_read_paths_added_lines_with_their_numbers_and_removed_lines_of_a_git_diff() {
        ChangeSummary change = UnifiedDiff.parse(bytes("fit/audit.diff"));

        assertThat(change.paths()).containsExactly("src/admin/AdminActions.java", "src/audit/HashChainLog.java",
                "test/audit/HashChainLogTest.java");
        assertThat(change.messages()).isEmpty();
        BranchFacts.Change admin = change.changes().get(0);
        assertThat(admin.addedLines()).containsExactly("    private final audit.HashChainLog audit;", "",
                "        audit.recordAdminAction(currentAdmin(), \"delete user \" + id);");
        assertThat(admin.addedLineNumbers()).containsExactly(4, 5, 8);
        assertThat(admin.removedLines()).containsExactly("        System.out.println(\"deleted \" + id);");
        assertThat(change.addedLines()).isEqualTo(29);
        assertThat(change.removedLines()).isEqualTo(1);
        assertThat(change.adds("src/audit/HashChainLog.java", 9)).isTrue();
        assertThat(change.adds("src/admin/AdminActions.java", 6)).as("a context line").isFalse();
        assertThat(change.touches("HashChainLog.java")).isTrue();
        assertThat(change.touches("src/gateway/Routes.java")).isFalse();
    }

    @Test
    void should_take_the_commit_message_from_a_format_patch_without_its_patch_tag() {
        ChangeSummary change = UnifiedDiff.parse(bytes("fit/audit.patch"));

        assertThat(change.paths()).hasSize(3);
        assertThat(change.messages()).containsExactly("Append-only audit log of admin actions with a hash chain\n\n"
                + "Every admin action is recorded in a hash chain; verifyChain() detects an edited entry.");
        assertThat(change.text()).startsWith("Append-only audit log of admin actions with a hash chain. ");
    }

    @Test
    void should_keep_each_commit_of_a_format_patch_series_newest_first() {
        String series = "From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.com>\n"
                + "Subject: [PATCH 1/2] First step of\n the work\n\nWhy the first.\n---\n a | 1 +\n\n"
                + "From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.com>\n"
                + "Subject: [PATCH 2/2] Second step\n\n---\n";

        assertThat(UnifiedDiff.messages(series)).containsExactly("Second step", "First step of the work\n\nWhy the first.");
    }

    @Test
    void should_refuse_text_that_holds_no_file_change() {
        assertThatThrownBy(() -> UnifiedDiff.parse("just some notes\nnot a diff\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UserError.class).hasMessageStartingWith("no file changes found");
    }

    private static byte[] bytes(String fixture) {
        return Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8);
    }
}
