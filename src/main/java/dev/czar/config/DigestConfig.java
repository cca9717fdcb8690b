package dev.czar.config;

import java.util.List;

/** Scheduled digests. No schedules by default, so nothing is ever posted unasked. */
public record DigestConfig(List<Schedule> schedules) {
    public DigestConfig {
        schedules = schedules != null ? List.copyOf(schedules) : List.of();
    }

    /**
     * @param cron     cron expression (minute hour day-of-month month day-of-week)
     * @param timeZone IANA zone the cron expression is read in
     * @param channel  Slack channel the digest is posted to
     */
    public record Schedule(String cron, String timeZone, String channel) {
    }
}
