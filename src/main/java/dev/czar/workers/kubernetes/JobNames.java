package dev.czar.workers.kubernetes;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Names and label values Kubernetes accepts (DNS labels, at most 63 characters) made from workstream names. */
final class JobNames {
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private JobNames() {
    }

    /**
     * {@code czar-<workstream>-<attempt>-<5 random>}: unique per start, so a retry never meets the finished Job of
     * the attempt before it (kept for {@code ttl-seconds-after-finished}).
     */
    static String job(String workstream, String attempt) {
        String suffix = "-" + attempt + "-" + random(5);
        String base = "czar-" + dns(workstream);
        return trim(base, 63 - suffix.length()) + suffix;
    }

    /** A label value: letters, digits, '-', '_', '.'; at most 63, alphanumeric at both ends. */
    static String labelValue(String text) {
        String value = text.replaceAll("[^A-Za-z0-9_.-]", "-");
        value = value.length() > 63 ? value.substring(0, 63) : value;
        return value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    private static String dns(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    private static String trim(String text, int max) {
        String cut = text.length() > max ? text.substring(0, max) : text;
        return cut.replaceAll("-+$", "");
    }

    private static String random(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
