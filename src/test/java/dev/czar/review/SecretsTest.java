package dev.czar.review;

import dev.czar.agent.Redactor;
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
    void should_report_credentials_and_leave_ordinary_code_unreported(String kind, String line) {
        Optional<String> found = Secrets.kindIn(line);

        if (kind.equals("none")) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).contains(kind);
            // what the review reports, the one redactor masks
            assertThat(Redactor.INSTANCE.redact(line)).contains("[REDACTED:");
        }
    }
}
