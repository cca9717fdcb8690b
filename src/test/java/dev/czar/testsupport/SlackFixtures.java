package dev.czar.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Slack payload and response fixtures under {@code fixtures/slack/}, with {@code ${name}} placeholders filled in. */
public final class SlackFixtures {
    private SlackFixtures() {
    }

    public static String read(String name) {
        try (InputStream in = SlackFixtures.class.getResourceAsStream("/fixtures/slack/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture fixtures/slack/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with each {@code ${key}} replaced; fails if a placeholder is left over. */
    public static String fill(String name, Map<String, String> values) {
        String text = read(name);
        for (var e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("unfilled placeholder in " + name + ": " + text);
        }
        return text.strip();
    }
}
