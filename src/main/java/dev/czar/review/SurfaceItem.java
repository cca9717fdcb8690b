package dev.czar.review;

import java.util.Set;

/**
 * One thing users of the software call or set, as one side of a patch shows it: a public method, a REST route,
 * a command-line flag or a configuration key.
 *
 * @param kind  what it is
 * @param form  how a report writes it ({@code greet(String, String)}, {@code GET /users/{id}}, {@code -v, --verbose})
 * @param names what identifies it across a change: the method name, the route, the flag's names, the key path
 * @param hunk  index of the patch hunk it was read from (items replaced within one hunk are paired)
 * @param line  its line on that side
 */
record SurfaceItem(Kind kind, String form, Set<String> names, int hunk, int line) {
    enum Kind {
        METHOD("public method", "public-api"),
        ROUTE("REST route", "public-api"),
        FLAG("command-line flag", "cli-flags"),
        CONFIG_KEY("configuration key", "config-keys");

        final String label;
        final String rule;

        Kind(String label, String rule) {
            this.label = label;
            this.rule = rule;
        }
    }

    SurfaceItem {
        names = Set.copyOf(names);
    }

    /** Same kind and form: the same item, wherever it is. */
    boolean sameAs(SurfaceItem other) {
        return kind == other.kind && form.equals(other.form);
    }

    /** The same method name, or flags sharing a name, or the same key: a changed form of one item. */
    boolean sharesNameWith(SurfaceItem other) {
        return kind == other.kind && other.names.stream().anyMatch(names::contains);
    }
}
