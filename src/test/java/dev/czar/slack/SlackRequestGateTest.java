package dev.czar.slack;

import dev.czar.testsupport.SignedSlackRequests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SlackRequestGateTest {
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private static final String BODY = "{\"type\":\"event_callback\"}";

    private final SlackRequestGate gate = new SlackRequestGate(SignedSlackRequests.FAKE_SIGNING_SECRET,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "signed {0} s from now -> {1}")
    @CsvSource({
            "0,    ''",
            "-299, ''",
            "299,  ''",
            "-300, timestamp too old",
            "300,  timestamp in the future",
            "360,  timestamp in the future",
            "-360, timestamp too old",
    })
    void should_let_through_only_requests_signed_within_five_minutes_either_way(long offsetSeconds, String refusal) {
        long timestamp = NOW.getEpochSecond() + offsetSeconds;
        String signature = SignedSlackRequests.signature(SignedSlackRequests.FAKE_SIGNING_SECRET, timestamp, BODY);

        Optional<String> verdict = gate.refusal(Long.toString(timestamp), signature, BODY);

        assertThat(verdict.orElse("")).isEqualTo(refusal);
    }

    @ParameterizedTest(name = "timestamp ''{0}'', signature ''{1}'' -> {2}")
    @CsvSource(nullValues = "null", value = {
            "null,       v0=00,  unsigned",
            "1796605200, null,   unsigned",
            "soon,       v0=00,  timestamp is not a number",
            "1796605200, v0=00,  bad signature",
    })
    void should_refuse_unsigned_malformed_and_forged_requests(String timestamp, String signature, String refusal) {
        assertThat(gate.refusal(timestamp, signature, BODY)).contains(refusal);
    }

    @org.junit.jupiter.api.Test
    void should_refuse_a_body_changed_after_signing() {
        long timestamp = NOW.getEpochSecond();
        String signature = SignedSlackRequests.signature(SignedSlackRequests.FAKE_SIGNING_SECRET, timestamp, BODY);

        assertThat(gate.refusal(Long.toString(timestamp), signature, BODY + " ")).contains("bad signature");
    }
}
