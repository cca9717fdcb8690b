package dev.czar.review;

import dev.czar.UserError;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static dev.czar.review.ReviewHarness.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reviews without a language model: the shipped personas' rule packs on real git diffs. */
class OfflineReviewTest {
    private static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path tmp;
    TempGitRepo repo;
    ReviewHarness harness;

    @BeforeEach
    void base() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("base", Map.of("README.md", "# shop\n", "src/shop/InvoiceApi.java", fixture("review/InvoiceApi-before.java"),
                "pom.xml", fixture("review/pom-before.xml"), "web/package.json", fixture("review/package-before.json")));
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
        repo.close();
    }

    @Test
    void should_block_and_never_repeat_the_key_when_branch_adds_an_aws_key_pair() throws Exception {
        // given
        repo.branch("feature-x").commit("add deploy credentials", Map.of("config/aws.env", fixture("review/aws-credentials.env")));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.review("feature-x");
        // then
        assertThat(report.verdict()).isEqualTo("blocked");
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.BLOCKER)
                .extracting(Finding::title, Finding::file, Finding::line)
                .contains(org.assertj.core.groups.Tuple.tuple("AWS access key id committed", "config/aws.env", 3),
                        org.assertj.core.groups.Tuple.tuple("AWS secret access key committed", "config/aws.env", 4));
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.BLOCKER)
                .allSatisfy(f -> assertThat(f.personas()).contains("security"));
        for (String rendered : List.of(ReviewJson.write(report), ReviewText.markdown(report), ReviewText.terminal(report),
                storedJson(report.id()))) {
            assertThat(rendered).doesNotContain(AWS_KEY_ID).doesNotContain(AWS_SECRET).doesNotContain("EXAMPLEKEY");
        }
    }

    @Test
    void should_raise_an_ops_finding_when_a_migration_has_no_way_back() {
        // given
        repo.branch("orders").commit("orders table", Map.of("db/migration/V2__add_orders.sql", fixture("review/V2__add_orders.sql")));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.review("orders");
        // then
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.personas()).containsExactly("ops");
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.title()).contains("migration without a way back").contains("V2__add_orders.sql");
            assertThat(f.file()).isEqualTo("db/migration/V2__add_orders.sql");
        });
        assertThat(report.verdict()).isEqualTo("changes_requested");
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.personas()).containsExactly("legal-compliance");
            assertThat(f.title()).isEqualTo("Personal-data field 'email' introduced");
            assertThat(f.location()).isEqualTo("db/migration/V2__add_orders.sql:3");
        });
    }

    @Test
    void should_accept_a_migration_that_ships_its_undo_script() {
        // given
        repo.branch("orders").commit("orders table", Map.of("db/migration/V2__add_orders.sql", fixture("review/V2__add_orders.sql"),
                "db/migration/U2__add_orders.sql", fixture("review/U2__add_orders.sql")));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.review("orders");
        // then
        assertThat(report.findings()).noneSatisfy(f -> assertThat(f.title()).contains("way back"));
    }

    @Test
    void should_raise_a_product_finding_when_a_public_method_signature_changes() {
        // given
        repo.branch("currency").commit("invoices in any currency",
                Map.of("src/shop/InvoiceApi.java", fixture("review/InvoiceApi-after.java")));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.review("currency");
        // then
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.personas()).containsExactly("product");
            assertThat(f.severity()).isEqualTo(Severity.MAJOR);
            assertThat(f.title()).isEqualTo("Breaking change: public method create(String, long) changed to create(String, long, String)");
            assertThat(f.location()).isEqualTo("src/shop/InvoiceApi.java:4");
        });
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.title()).contains("without docs or changelog"));
    }

    @Test
    void should_raise_a_product_finding_when_a_python_function_signature_changes() {
        // given
        repo.commit("payments", Map.of("src/payments.py", "def charge(amount):\n    return amount\n"));
        repo.branch("currency").commit("charge in a currency", Map.of("src/payments.py",
                "def charge(amount, currency):\n    return amount\n\ndef _round(x):\n    return x\n"));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.review("currency");
        // then
        assertThat(report.findings()).filteredOn(f -> f.personas().contains("product") && f.rule().equals("public-api"))
                .singleElement().satisfies(f -> {
                    assertThat(f.title()).isEqualTo("Breaking change: public method charge(amount) changed to charge(amount, currency)");
                    assertThat(f.location()).isEqualTo("src/payments.py:1");
                });
    }

    @Test
    void should_review_only_what_the_branch_changed_since_it_left_main() {
        // given main changes a public signature after the branch was cut
        repo.branch("docs").commit("usage notes", Map.of("docs/usage.md", "# Usage\n"));
        repo.checkout("main").commit("currency on main", Map.of("src/shop/InvoiceApi.java", fixture("review/InvoiceApi-after.java")));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.review("docs");
        // then main's change is not reported as the branch reverting it
        assertThat(report.findings()).isEmpty();
        assertThat(report.verdict()).isEqualTo("passed");
    }

    @Test
    void should_flag_new_dependencies_for_their_license() {
        // given
        repo.branch("pdf").commit("pdf export and left-pad", Map.of("pom.xml", fixture("review/pom-after.xml"),
                "web/package.json", fixture("review/package-after.json")));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.review("pdf");
        // then
        List<Finding> legal = report.findings().stream().filter(f -> f.personas().contains("legal-compliance")).toList();
        assertThat(legal).extracting(Finding::severity, Finding::title).contains(
                org.assertj.core.groups.Tuple.tuple(Severity.MAJOR, "New dependency com.itextpdf:itext7-core declares license AGPL-3.0 (copyleft)"),
                org.assertj.core.groups.Tuple.tuple(Severity.MINOR, "New dependency org.apache.commons:commons-csv: license not declared in the build file"),
                org.assertj.core.groups.Tuple.tuple(Severity.MINOR, "New dependency left-pad: license not declared in the build file"));
        assertThat(legal).noneSatisfy(f -> assertThat(f.title()).contains("slf4j"));
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.personas()).containsExactly("security");
            assertThat(f.title()).startsWith("New dependency left-pad");
        });
    }

    @Test
    void should_review_a_proposal_read_from_a_text_file() throws Exception {
        // given
        Path proposal = tmp.resolve("proposal.md");
        Files.writeString(proposal, fixture("review/proposal-analytics.md"));
        harness = ReviewHarness.offline(repo.dir());
        // when
        ReviewReport report = harness.service.review(new ReviewTarget.Proposal(proposal), ReviewOptions.defaults());
        // then
        assertThat(report.target()).isEqualTo("proposal proposal.md");
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.personas()).containsExactly("legal-compliance");
            assertThat(f.title()).isEqualTo("Personal-data field 'ip_address' introduced");
        });
    }

    @Test
    void should_reuse_the_stored_review_of_the_same_change_unless_fresh() {
        // given
        repo.branch("orders").commit("orders table", Map.of("db/migration/V2__add_orders.sql", fixture("review/V2__add_orders.sql")));
        harness = ReviewHarness.offline(repo.dir());
        ReviewReport first = harness.review("orders");
        // when
        ReviewReport second = harness.review("orders");
        ReviewReport fresh = harness.service.review(ReviewService.target("orders"), new ReviewOptions(true, List.of()));
        // then
        assertThat(harness.service.latest(new ReviewTarget.Branch("orders"))).get().extracting(ReviewReport::id).isEqualTo(fresh.id());
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.findings()).isEqualTo(first.findings());
        assertThat(fresh.cached()).isFalse();
        assertThat(fresh.id()).isGreaterThan(first.id());
        assertThat(harness.service.find(first.id())).get().extracting(ReviewReport::verdict).isEqualTo(first.verdict());
    }

    @Test
    void should_refuse_with_one_line_when_the_target_cannot_be_reviewed() {
        harness = ReviewHarness.offline(repo.dir());
        assertThatThrownBy(() -> harness.review("nope")).isInstanceOf(UserError.class).hasMessageContaining("no branch named 'nope'");
        assertThatThrownBy(() -> harness.review("main")).isInstanceOf(UserError.class).hasMessageContaining("is the main branch");
        assertThatThrownBy(() -> harness.review("#12")).isInstanceOf(UserError.class).hasMessageContaining("not configured");
        repo.branch("empty");
        assertThatThrownBy(() -> harness.review("empty")).isInstanceOf(UserError.class).hasMessageContaining("no changes to review");
    }

    private String storedJson(long id) throws Exception {
        try (var c = harness.db.connection(); var st = c.prepareStatement("SELECT report_json FROM review_reports WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
