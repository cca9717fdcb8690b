package dev.czar.agent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile text cannot make masking slow: the scanner's work (characters read, counted by {@link ScanText}) grows
 * linearly with the input, for every shape that made the old regular expressions backtrack or that puts an anchor
 * of some format at every few characters.
 */
class RedactorLinearTimeTest {
    private static final int MB = 1 << 20;

    record Shape(String name, IntFunction<String> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Shape> shapes() {
        return List.of(
                new Shape("one repeated letter", n -> "a".repeat(n)),
                new Shape("repeated password", n -> repeat("password", n)),
                new Shape("a=a=a=", n -> repeat("a=", n)),
                new Shape("password=password=", n -> repeat("password=", n)),
                new Shape("quoted secret names without a closing quote", n -> repeat("token: \"password=", n)),
                new Shape("long spaces before a separator", n -> "password" + " ".repeat(n - 9) + "="),
                new Shape("DB_PASSWORD lines of spaces", n -> repeat("\n  export DB_PASSWORD   =   ", n)),
                new Shape("long base64-ish run", RedactorLinearTimeTest::base64ish),
                new Shape("JWT headers in one run", n -> repeat("eyJ-", n)),
                new Shape("JWT headers then a near-JWT", n -> repeat("eyJ-", n - 40) + "aaaaaaaaaa.eyJaaaaaaaaaaaa_"),
                new Shape("private key without END", n -> "-----BEGIN PRIVATE KEY-----\n" + base64ish(n - 28)),
                new Shape("many BEGIN lines without END", n -> repeat("-----BEGIN PRIVATE KEY-----\n", n)),
                new Shape("BEGIN label that never ends", n -> "-----BEGIN " + "A".repeat(n - 11)),
                new Shape("many END lines that fail", n -> "-----BEGIN RSA PRIVATE KEY-----" + repeat("-----END X", n - 31)),
                new Shape("many xoxb- prefixes", n -> repeat("xoxb-", n)),
                new Shape("many short xoxb- tokens", n -> repeat("xoxb-1 ", n)),
                new Shape("sk- and ghp_ prefixes", n -> repeat("sk-ghp_", n)),
                new Shape("AKIA almost-keys", n -> repeat("AKIAABCDEFGHIJKLMNO ", n)),
                new Shape("URL schemes without passwords", n -> repeat("a://b:", n)),
                new Shape("bearer words", n -> repeat("bearer ", n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void should_scan_ten_megabytes_of_hostile_text_in_linear_work(Shape shape) {
        // given
        String small = shape.build().apply(MB);
        String large = shape.build().apply(10 * MB);
        // when
        long smallWork = SecretScanner.scan(small).work();
        long start = System.nanoTime();
        long largeWork = SecretScanner.scan(large).work();
        long largeMs = (System.nanoTime() - start) / 1_000_000;
        Redactor.INSTANCE.redact(large); // the whole redaction ends on it too, not only the scan
        // then
        double ratio = (double) largeWork / smallWork;
        double perChar = (double) largeWork / large.length();
        System.out.printf("redactor %-45s 1 MB: %,d units, 10 MB: %,d units (x%.2f, %.1f per char), scan %d ms%n",
                shape.name(), smallWork, largeWork, ratio, perChar, largeMs);
        assertThat(ratio).as("work on 10 MB / work on 1 MB").isLessThan(12.0);
        assertThat(perChar).as("characters read per input character").isLessThan(12.0);
        assertThat(largeMs).as("milliseconds to scan 10 MB").isLessThan(10_000);
    }

    private static String repeat(String unit, int length) {
        StringBuilder out = new StringBuilder(length + unit.length());
        while (out.length() < length) {
            out.append(unit);
        }
        out.setLength(length);
        return out.toString();
    }

    private static String base64ish(int length) {
        Random random = new Random(18);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_";
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
