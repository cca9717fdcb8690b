package dev.czar.web;

import dev.czar.store.OwnerAccess;
import dev.czar.digest.DigestFixture;
import dev.czar.store.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18 item 2: the dashboard warns, above everything and in the audit section, when the audit chain is broken. */
class DashboardAuditWarningTest {
    @TempDir
    Path tmp;
    DigestFixture fx;
    DashboardView view;

    @BeforeEach
    void seed() {
        fx = DashboardTest.seeded(tmp);
        view = new DashboardView(fx.workers, fx.git, fx.ci, fx.bench, new AuditLog(fx.db, fx.clock), fx.clock);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void should_say_the_audit_log_is_intact_when_it_is() {
        assertThat(view.fragment("integrity")).hasValueSatisfying(html ->
                assertThat(html).matches("<p class=\"quiet\">audit log intact: 1 rows, chain head [0-9a-f]{64}</p>"));
        assertThat(view.fragment("audit").orElseThrow()).doesNotContain("tampered");
    }

    @Test
    void should_warn_when_a_row_was_rewritten_once_the_verdict_is_refreshed() throws Exception {
        // given a verdict taken while the log was intact
        assertThat(view.fragment("integrity").orElseThrow()).contains("intact");

        // when a forger rewrites the row, and the verdict's minute passes
        try (Connection c = OwnerAccess.connect(fx.db); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_log_append_only");
            st.execute("UPDATE audit_log SET arguments = 'something harmless' WHERE id = 1");
        }
        fx.clock.advance(DashboardView.AUDIT_VERIFIED_FOR);

        // then the banner and the audit section say so
        String banner = view.fragment("integrity").orElseThrow();
        assertThat(banner).startsWith("<p class=\"alert tampered\" role=\"alert\"><strong>Warning: the audit log was tampered"
                + " with.</strong> audit log TAMPERED: first broken link at row 1: its fields");
        assertThat(view.fragment("audit").orElseThrow()).startsWith(banner).contains("something harmless");
    }
}
