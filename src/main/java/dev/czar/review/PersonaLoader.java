package dev.czar.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads personas: the ones shipped in the jar ({@code personas/*.md} on the classpath), then every {@code *.md}
 * in the personas directory, where a file replaces the shipped persona of the same name. A file that cannot be
 * used is reported by name and skipped; it never stops czar.
 *
 * <p>Format: YAML front matter between {@code ---} lines ({@code name}, {@code title}, {@code offline-rules},
 * {@code checklist}), then the Markdown body that becomes the persona's system prompt.
 */
public final class PersonaLoader {
    /** Personas shipped in the jar; listed because a jar cannot be listed portably. */
    static final List<String> SHIPPED = List.of("security", "ops", "legal-compliance", "product");
    /** Larger persona files are refused unread: a persona is a page of prose, not a place to park data. */
    static final long MAX_FILE_BYTES = 64 * 1024;
    private static final Set<String> KEYS = Set.of("name", "title", "offline-rules", "checklist");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PersonaLoader() {
    }

    /** Shipped personas plus those in {@code dir} (which may be absent). */
    public static PersonaCatalog load(Path dir) {
        Map<String, Persona> byName = new LinkedHashMap<>();
        Map<String, Persona> shipped = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : SHIPPED) {
            String source = "classpath:personas/" + name + ".md";
            try (InputStream in = PersonaLoader.class.getResourceAsStream("/personas/" + name + ".md")) {
                if (in == null) {
                    problems.add(source + ": missing from this build");
                    continue;
                }
                Persona persona = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
                add(persona, byName);
                shipped.put(persona.name(), persona);
            } catch (IOException | InvalidPersonaException e) {
                problems.add(source + ": " + e.getMessage());
            }
        }
        for (Path file : files(dir, problems)) {
            try {
                checkUsable(file);
                add(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()), byName);
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            } catch (InvalidPersonaException e) {
                problems.add(file + ": " + e.getMessage());
            } catch (RuntimeException e) {
                problems.add(file + ": not valid text (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new PersonaCatalog(List.copyOf(byName.values()), problems, replacements(dir, byName, shipped));
    }

    /** Symbolic links are refused (a link to /etc/shadow would be read with czar's rights), and so are large files. */
    private static void checkUsable(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new InvalidPersonaException("is a symbolic link; persona files must be regular files");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new InvalidPersonaException("is " + size + " bytes, over the " + MAX_FILE_BYTES / 1024
                    + " KiB limit for persona files");
        }
    }

    /** Repository files that took a shipped persona's name, unless identical to it (a copy of the shipped file). */
    private static List<PersonaReplacement> replacements(Path dir, Map<String, Persona> byName, Map<String, Persona> shipped) {
        List<PersonaReplacement> out = new ArrayList<>();
        for (Persona original : shipped.values()) {
            Persona now = byName.get(original.name());
            if (now == original || sameContent(now, original)) {
                continue;
            }
            Path file = Path.of(now.source());
            Path base = dir.toAbsolutePath().getParent();
            String shown = base == null ? file.toString() : base.relativize(file.toAbsolutePath()).toString();
            out.add(new PersonaReplacement(now.name(), shown, now.offlineRules().size(), original.offlineRules().size()));
        }
        return out;
    }

    private static boolean sameContent(Persona a, Persona b) {
        return a.title().equals(b.title()) && a.prompt().equals(b.prompt()) && a.offlineRules().equals(b.offlineRules())
                && a.checklist().equals(b.checklist());
    }

    /** Parses one persona file; {@code source} names it in error messages. */
    static Persona parse(String text, String source) {
        String normalised = text.replace("\r\n", "\n");
        if (!normalised.startsWith("---\n")) {
            throw new InvalidPersonaException("no front matter: the file must start with a '---' line");
        }
        int end = normalised.indexOf("\n---", 3);
        if (end < 0) {
            throw new InvalidPersonaException("front matter is not closed by a '---' line");
        }
        JsonNode meta = frontMatter(normalised.substring(4, end + 1));
        String body = normalised.substring(normalised.indexOf('\n', end + 1) + 1).strip();
        String name = text(meta, "name");
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new InvalidPersonaException("'name' is required: lower-case letters, digits and '-'");
        }
        if (body.isEmpty()) {
            throw new InvalidPersonaException("the body (the persona's prompt) is empty");
        }
        List<String> rules = list(meta, "offline-rules");
        for (String rule : rules) {
            if (!OfflineRulePacks.knows(rule)) {
                throw new InvalidPersonaException("unknown offline rule '" + rule + "' (known: "
                        + String.join(", ", OfflineRulePacks.ruleIds()) + ")");
            }
        }
        String title = text(meta, "title");
        return new Persona(name, title == null ? name : title, body, rules, list(meta, "checklist"), source);
    }

    private static JsonNode frontMatter(String yaml) {
        JsonNode meta;
        try {
            meta = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidPersonaException("front matter is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (meta == null || !meta.isObject()) {
            throw new InvalidPersonaException("front matter must be a YAML mapping (name: ..., title: ...)");
        }
        for (Iterator<String> keys = meta.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new InvalidPersonaException("unknown front matter key '" + key + "' (known: name, title, offline-rules, checklist)");
            }
        }
        return meta;
    }

    private static String text(JsonNode meta, String key) {
        JsonNode node = meta.get(key);
        return node == null || node.isNull() ? null : node.asText().strip();
    }

    private static List<String> list(JsonNode meta, String key) {
        JsonNode node = meta.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidPersonaException("'" + key + "' must be a list");
        }
        List<String> items = new ArrayList<>();
        node.forEach(item -> items.add(item.asText().strip()));
        return items;
    }

    /** A replacement keeps the shipped persona's place, so reports list personas in a stable order. */
    private static void add(Persona persona, Map<String, Persona> byName) {
        byName.put(persona.name(), persona);
    }

    private static List<Path> files(Path dir, List<String> problems) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        if (Files.isSymbolicLink(dir)) {
            problems.add(dir + ": is a symbolic link; the personas directory must be a real directory");
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            // symbolic links are kept here, to be refused by name (checkUsable) rather than silently skipped
            return entries.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("README.md"))
                    .filter(p -> Files.isSymbolicLink(p) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list persona files: " + e.getMessage());
            return List.of();
        }
    }

    /** A persona file that cannot be used; the message says what to fix. */
    static final class InvalidPersonaException extends RuntimeException {
        InvalidPersonaException(String message) {
            super(message);
        }
    }
}
