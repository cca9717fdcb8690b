package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 24, item 2: a task written as a list of requirements shows which of them the branch already touches. */
class RequirementProgressTest {
    private static final String TASK = """
            Build the billing export:
            1. Export invoices as CSV
            2. Add a currency column with ISO codes
            3. Email the export to the finance team
            4. Schedule the export nightly
            5. Document the export format
            """;
    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void should_split_checklists_and_numbered_lists_but_not_prose() {
        assertThat(TaskRequirements.of(TASK)).containsExactly("Export invoices as CSV", "Add a currency column with ISO codes",
                "Email the export to the finance team", "Schedule the export nightly", "Document the export format");
        assertThat(TaskRequirements.of("- [ ] parse flags\n- [x] print help\n* add tests")).containsExactly(
                "parse flags", "print help", "add tests");
        assertThat(TaskRequirements.of("Fix the login bug.\n1. only one item")).isEmpty();
    }

    @Test
    void should_say_which_requirements_a_change_touches() {
        ChangeSummary change = new ChangeSummary(List.of("Export invoices as CSV with a currency column"), List.of(
                new BranchFacts.Change("src/billing/InvoiceCsvExport.java", List.of(
                        "public class InvoiceCsvExport {", "  String currencyColumn(Invoice invoice) { return iso(invoice.currency()); }",
                        "  void writeInvoices(List<Invoice> invoices) {}")),
                new BranchFacts.Change("docs/export-format.md", List.of("# Export format", "Columns of the export: id, amount, currency"))));

        RequirementProgress progress = RequirementProgress.of(TASK, change, LexicalEvidence.uniform());

        assertThat(progress.line()).isEqualTo("3 of 5 requirements touched: Export invoices as CSV; "
                + "Add a currency column with ISO codes; Document the export format");
    }

    @Test
    void should_show_progress_in_the_workers_detail_answer_once_the_branch_commits() {
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("billing", TASK + "agent-mode: commit\nagent-file: src/billing/InvoiceCsvExport.java\n"
                + "agent-content: public class InvoiceCsvExport { void exportInvoicesAsCsv() {} }\n"
                + "agent-message: Export invoices as CSV\nagent-linger: 30\n");
        fleet.await("billing", w -> fleet.workers.logTail("billing", 5).contains("committed"), Fleet.PATIENCE, "committed");

        String detail = new FleetAnswers(fleet.workers).overview("billing", new dev.czar.chat.EvidenceLog());

        assertThat(detail).contains("progress: 1 of 5 requirements touched: Export invoices as CSV");
        assertThat(fleet.workers.progress(fleet.workers.find("billing").orElseThrow()).touched()).isEqualTo(1);
    }
}
