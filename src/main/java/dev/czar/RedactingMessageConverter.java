package dev.czar;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.czar.agent.Redactor;

/** Log-line {@code %msg} with credentials masked: a secret quoted in a log line is still a leaked secret. */
public final class RedactingMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.INSTANCE.redact(event.getFormattedMessage());
    }
}
