package dev.czar.review;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PersonaLoaderTest {
    @TempDir
    Path dir;

    @Test
    void should_load_the_four_shipped_personas_from_the_classpath() {
        // when
        PersonaCatalog catalog = PersonaLoader.load(null);
        // then
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.names()).containsExactly("security", "ops", "legal-compliance", "product");
        Persona security = catalog.find("security").orElseThrow();
        assertThat(security.title()).isEqualTo("Security reviewer");
        assertThat(security.offlineRules()).contains("secrets", "tls-disabled", "injection", "new-dependencies");
        assertThat(security.prompt()).startsWith("# Role").contains("## Severity scale");
        assertThat(security.checklist()).isNotEmpty();
    }

    @Test
    void should_report_invalid_files_by_name_and_keep_the_valid_ones() throws Exception {
        // given
        Files.writeString(dir.resolve("no-front-matter.md"), "# just a heading\n");
        Files.writeString(dir.resolve("bad-rule.md"), "---\nname: perf\noffline-rules: [flame-graphs]\n---\nYou review performance.\n");
        Files.writeString(dir.resolve("typo.md"), "---\nname: ux\ntitel: UX\n---\nYou review UX.\n");
        Files.writeString(dir.resolve("accessibility.md"), "---\nname: accessibility\ntitle: Accessibility reviewer\n"
                + "checklist: [Screen reader pass]\n---\nYou review accessibility.\n");
        Files.writeString(dir.resolve("README.md"), "not a persona");
        // when
        PersonaCatalog catalog = PersonaLoader.load(dir);
        // then
        assertThat(catalog.names()).containsExactly("security", "ops", "legal-compliance", "product", "accessibility");
        assertThat(catalog.problems()).hasSize(3).anySatisfy(p -> assertThat(p)
                        .contains("no-front-matter.md").contains("must start with a '---' line"))
                .anySatisfy(p -> assertThat(p).contains("bad-rule.md").contains("unknown offline rule 'flame-graphs'"))
                .anySatisfy(p -> assertThat(p).contains("typo.md").contains("unknown front matter key 'titel'"));
    }

    @Test
    void should_let_a_file_replace_the_shipped_persona_of_the_same_name() throws Exception {
        // given
        Files.writeString(dir.resolve("security.md"), "---\nname: security\ntitle: Our AppSec team\noffline-rules: [secrets]\n---\nHouse rules.\n");
        // when
        PersonaCatalog catalog = PersonaLoader.load(dir);
        Persona security = catalog.find("security").orElseThrow();
        // then
        assertThat(catalog.names()).containsExactly("security", "ops", "legal-compliance", "product");
        assertThat(security.title()).isEqualTo("Our AppSec team");
        assertThat(security.offlineRules()).containsExactly("secrets");
        assertThat(security.source()).endsWith("security.md").doesNotStartWith("classpath:");
    }
}
