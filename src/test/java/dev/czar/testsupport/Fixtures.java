package dev.czar.testsupport;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Payload fixtures under {@code src/test/resources/fixtures/<service>/<method>.json}, with {{placeholders}}. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixture with each {@code {{key}}} replaced by its value, JSON-string-escaped. */
    public static String read(String path, Map<String, String> values) {
        String text = raw(path);
        for (Map.Entry<String, String> v : values.entrySet()) {
            String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(v.getValue()));
            text = text.replace("{{" + v.getKey() + "}}", escaped);
        }
        if (text.contains("{{")) {
            throw new IllegalArgumentException("fixture " + path + " has an unfilled placeholder: " + text);
        }
        return text;
    }

    public static String read(String path) {
        return read(path, Map.of());
    }

    private static String raw(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture fixtures/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
