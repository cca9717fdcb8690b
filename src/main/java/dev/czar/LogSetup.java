package dev.czar;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.czar.store.PrivateFiles;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sends all logging to {@code <home>/logs/czar.log}, never to the console, so that chat output stays a chat.
 * Until this runs, the bundled logback.xml keeps everything quiet except errors on stderr.
 */
final class LogSetup {
    private LogSetup() {
    }

    static void toFile(Path home) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        // issue 3: every log line's message passes the redactor (the pattern's %msg resolves to this converter)
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> rules = (java.util.Map<String, String>) context.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new java.util.HashMap<>();
            context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("msg", RedactingMessageConverter.class.getName());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        Path log = home.resolve("logs").resolve("czar.log");
        try {
            // logback would create both with the umask; rolled archives land in the owner-only directory
            PrivateFiles.directory(log.getParent());
            PrivateFiles.touch(log);
        } catch (IOException e) {
            throw new UserError("cannot write the log file " + log + ": " + e.getMessage() + " (pick another home with --home)", e);
        }
        RollingFileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setFile(log.toString());
        SizeAndTimeBasedRollingPolicy<ch.qos.logback.classic.spi.ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(home.resolve("logs").resolve("czar.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(encoder);
        file.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        context.getLogger("org.eclipse.jgit").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // issue 18: Jetty's start/stop chatter stays out; Slack's SDK logs request bodies (unverified ones included)
        // at DEBUG, so it stays at INFO even if the root level is lowered to find a bug
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("com.slack.api").setLevel(Level.INFO);
    }
}
