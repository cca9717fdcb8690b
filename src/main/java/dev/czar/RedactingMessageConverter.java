package dev.czar;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.czar.agent.ControlChars;
import dev.czar.agent.Redactor;

/**
 * Log-line {@code %msg} with credentials masked (a secret quoted in a log line is still a leaked secret) and control
 * characters escaped: a line break or NUL in text from outside cannot forge or corrupt a line of czar.log. Stack
 * traces are not touched: the throwable has its own converter.
 */
public final class RedactingMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ControlChars.escape(Redactor.INSTANCE.redact(event.getFormattedMessage()));
    }
}
