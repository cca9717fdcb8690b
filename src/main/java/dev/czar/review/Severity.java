package dev.czar.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How bad a finding is, worst first; the order drives the verdict and the report's grouping. */
public enum Severity {
    BLOCKER, MAJOR, MINOR, INFO;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code blocker|major|minor|info} in any case; {@code null} for anything else. */
    @JsonCreator
    public static Severity parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) <= 0;
    }
}
