package dev.czar.intent;

import dev.czar.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled examples for {@link NearestExamples}, one {@code LABEL|message} a line ({@code #} comments): the shipped
 * set and the operator's own ({@code understanding.intent-examples}). Only CONVERSATION and STATUS are labels: a
 * message becomes a COMMAND through czar's command rules alone, never through an example, so a COMMAND line is
 * refused when the file is read (at start-up), in one line naming the file and the line.
 */
final class IntentExamples {
    record Example(Intent intent, String text) {
    }

    private IntentExamples() {
    }

    /**
     * The operator's examples file; every problem is one line naming the setting, the file (as configured:
     * {@code shownAs}) and the line.
     */
    static List<Example> read(Path file, String shownAs) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("understanding.intent-examples: no such file: " + shownAs
                    + " (a relative path starts at the repository root)");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException("understanding.intent-examples: cannot read " + shownAs + " (" + e.getMessage() + ")");
        }
        return parse(text, "understanding.intent-examples (" + shownAs + ")");
    }

    /** The rows of {@code text}; {@code source} names it in errors. */
    static List<Example> parse(String text, String source) {
        List<Example> rows = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", 2);
            String label = parts[0].strip();
            String where = source + " line " + (i + 1) + ": ";
            if (label.equalsIgnoreCase("COMMAND")) {
                throw new ConfigException(where + "an example cannot be labelled COMMAND: messages become commands"
                        + " only through czar's command rules; label it CONVERSATION or STATUS");
            }
            if (!label.equals("CONVERSATION") && !label.equals("STATUS") || parts.length < 2 || parts[1].isBlank()) {
                throw new ConfigException(where + "expected CONVERSATION|message or STATUS|message; got '"
                        + (line.length() > 80 ? line.substring(0, 77) + "..." : line) + "'");
            }
            rows.add(new Example(Intent.valueOf(label), parts[1].strip()));
        }
        return rows;
    }
}
