package dev.czar.testsupport;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test fixtures under {@code src/test/resources/fixtures/<service>/}: payloads with {{placeholders}}, and files to import. */
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

    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture into {@code dir} (tests import copies so file names stay what the fixture says). */
    public static Path copy(String relative, Path dir) {
        try {
            Path source = path(relative);
            return Files.copy(source, dir.resolve(source.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
