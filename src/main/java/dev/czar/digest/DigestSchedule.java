package dev.czar.digest;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.czar.UserError;
import dev.czar.config.DigestConfig;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One configured digest schedule: a five-field (Unix) cron expression read in its own time zone, so "09:00
 * Europe/Berlin" stays 09:00 local across daylight saving changes.
 */
public final class DigestSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final DigestConfig.Schedule config;
    private final ZoneId zone;
    private final ExecutionTime times;

    private DigestSchedule(DigestConfig.Schedule config, ZoneId zone, ExecutionTime times) {
        this.config = config;
        this.zone = zone;
        this.times = times;
    }

    /** @throws UserError naming {@code digest.schedules[i]} when the cron, zone or channel is unusable */
    public static DigestSchedule parse(DigestConfig.Schedule config, int index) {
        String key = "digest.schedules[" + index + "]";
        if (config.channel() == null || config.channel().isBlank()) {
            throw new UserError(key + ".channel is empty: name the Slack channel the digest goes to");
        }
        ZoneId zone;
        try {
            zone = config.timeZone() == null || config.timeZone().isBlank() ? ZoneId.of("UTC") : ZoneId.of(config.timeZone());
        } catch (DateTimeException e) {
            throw new UserError(key + ".time-zone must be an IANA zone such as Europe/Berlin; got '" + config.timeZone() + "'");
        }
        try {
            return new DigestSchedule(config, zone, ExecutionTime.forCron(PARSER.parse(config.cron())));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserError(key + ".cron must be five fields (minute hour day-of-month month day-of-week), e.g."
                    + " \"0 9 * * MON-FRI\"; got '" + config.cron() + "'");
        }
    }

    /** The latest scheduled time at or before {@code now}. */
    public Optional<Instant> latestAtOrBefore(Instant now) {
        ZonedDateTime at = now.atZone(zone);
        if (times.isMatch(at.withSecond(0).withNano(0)) && at.getSecond() == 0 && at.getNano() == 0) {
            return Optional.of(now);
        }
        return times.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    /** The next scheduled time after {@code now}. */
    public Optional<Instant> nextAfter(Instant now) {
        return times.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** Whether a digest with nothing new is skipped rather than posted as one line. */
    public boolean onlyNews() {
        return config.onlyNews();
    }

    public String channel() {
        return config.channel();
    }

    /** Stable key of this schedule for its stored last slot. */
    public String key() {
        return "schedule:" + config.channel() + "|" + config.cron() + "|" + zone.getId();
    }

    @Override
    public String toString() {
        return config.cron() + " " + zone.getId() + " -> " + config.channel();
    }
}
