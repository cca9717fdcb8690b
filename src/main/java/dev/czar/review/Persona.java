package dev.czar.review;

import java.util.List;

/**
 * One reviewer perspective, read from a Markdown file in {@code personas/}.
 *
 * @param name         short id used in reports and on the command line ({@code security})
 * @param title        human name ({@code Security reviewer})
 * @param prompt       the Markdown body: role prompt, focus checklist, severity scale, offline notes
 * @param offlineRules ids of the {@link OfflineRulePacks} rules this persona applies without a model
 * @param checklist    what a human must still verify whenever this persona reviews
 * @param source       where it was read from, for messages ({@code classpath:personas/ops.md}, a file path)
 */
public record Persona(String name, String title, String prompt, List<String> offlineRules, List<String> checklist,
                      String source) {
    public Persona {
        offlineRules = List.copyOf(offlineRules);
        checklist = List.copyOf(checklist);
    }
}
