package dev.czar.review;

import java.util.List;

/**
 * @param fresh    run again even when the same content was reviewed by the same personas before
 * @param personas persona names to run; empty means all
 */
public record ReviewOptions(boolean fresh, List<String> personas) {
    public ReviewOptions {
        personas = personas == null ? List.of() : List.copyOf(personas);
    }

    public static ReviewOptions defaults() {
        return new ReviewOptions(false, List.of());
    }
}
