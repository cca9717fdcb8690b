package dev.czar.review;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    static Stream<Arguments> lines() {
        return ReviewHarness.fixture("review/secret-lines.psv").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> Arguments.of(l.substring(0, l.indexOf('|')), l.substring(l.indexOf('|') + 1)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lines")
    void should_recognise_credentials_and_leave_ordinary_code_alone(String kind, String line) {
        Optional<String> found = Secrets.kindIn(line);
        String redacted = Secrets.redact(line);

        if (kind.equals("none")) {
            assertThat(found).isEmpty();
            assertThat(redacted).isEqualTo(line);
        } else {
            assertThat(found).contains(kind);
            assertThat(redacted).contains("[REDACTED:" + kind + "]");
        }
    }
}
