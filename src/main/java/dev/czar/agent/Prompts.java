package dev.czar.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The agent's prompts, kept as files in {@code prompts/} and shipped in the jar under the same name. */
final class Prompts {
    private Prompts() {
    }

    /** Loads {@code prompts/<name>} and fills its {@code {{placeholders}}}. */
    static String load(String name, Map<String, String> values) {
        String text = read(name);
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        return text.strip();
    }

    private static String read(String name) {
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream("prompts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("prompt prompts/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
