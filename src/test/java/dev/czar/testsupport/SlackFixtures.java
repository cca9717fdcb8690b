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

    /** A {@code /czar} slash command's form body, as {@code user} typed {@code text} after it. */
    public static String slashCommand(String user, String text) {
        return fill("payloads/slash_command.txt", Map.of("user", user,
                "text", java.net.URLEncoder.encode(text, StandardCharsets.UTF_8)));
    }

    /** The pending confirmation's id: the Confirm button's value in a posted prompt's blocks. */
    public static String confirmationId(Map<String, String> prompt) {
        var m = java.util.regex.Pattern.compile("\"action_id\":\"czar_confirm\"[^}]*?\"value\":\"([^\"]+)\"|"
                + "\"value\":\"([^\"]+)\"[^}]*?\"action_id\":\"czar_confirm\"").matcher(prompt.get("blocks"));
        if (!m.find()) {
            throw new AssertionError("no confirm button in " + prompt.get("blocks"));
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
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
