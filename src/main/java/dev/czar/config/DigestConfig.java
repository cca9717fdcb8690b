package dev.czar.config;

import java.time.Duration;
import java.util.List;

/**
 * Scheduled digests and alerts. No schedules by default, so nothing is ever posted unasked.
 *
 * @param schedules           when and where digests are posted
 * @param alertRepeatAfter    the same alert about the same workstream is not posted again within this time
 * @param alertsPerHour       at most this many alerts per workstream thread per hour (a flapping worker does not flood)
 * @param regressionThreshold a benchmark regression alerts its workstream's thread beyond this ratio change (0.10 = 10%)
 */
public record DigestConfig(List<Schedule> schedules, String alertRepeatAfter, Integer alertsPerHour,
                           Double regressionThreshold) {
    public DigestConfig {
        schedules = schedules != null ? List.copyOf(schedules) : List.of();
        alertRepeatAfter = alertRepeatAfter != null ? alertRepeatAfter : "6h";
        alertsPerHour = alertsPerHour != null ? alertsPerHour : 6;
        regressionThreshold = regressionThreshold != null ? regressionThreshold : 0.10;
    }

    public Duration alertRepeatAfterDuration() {
        return WorkersConfig.parseDuration(alertRepeatAfter);
    }

    /**
     * @param cron     cron expression (minute hour day-of-month month day-of-week)
     * @param timeZone IANA zone the cron expression is read in
     * @param channel  Slack channel the digest is posted to
     * @param onlyNews post only when something is new (an hourly alerts channel), instead of the one-line
     *                 "nothing new" digest
     */
    public record Schedule(String cron, String timeZone, String channel, Boolean onlyNews) {
        public Schedule {
            onlyNews = onlyNews != null && onlyNews;
        }
    }
}
