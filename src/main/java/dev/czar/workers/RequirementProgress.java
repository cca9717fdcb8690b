package dev.czar.workers;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a task's requirements ({@link TaskRequirements}) a branch already touches: an item is touched when its
 * words, weighted by rarity, show up in the changed lines and paths as strongly as one changed line per word
 * ({@link LexicalEvidence#score} of at least {@link #TOUCHED}). "Touched" is not "done": the gate decides that.
 */
public record RequirementProgress(List<Item> items) {
    /** One requirement and whether the change touches it. */
    public record Item(String text, boolean touched) {
    }

    static final double TOUCHED = 1.0;

    public RequirementProgress {
        items = List.copyOf(items);
    }

    /** Empty when the task is not a list of requirements or the branch has changed nothing yet. */
    static RequirementProgress of(String task, ChangeSummary change, LexicalEvidence lexical) {
        List<Item> items = new ArrayList<>();
        for (String requirement : TaskRequirements.of(task)) {
            items.add(new Item(requirement, !change.isEmpty() && lexical.score(requirement, change) >= TOUCHED));
        }
        return new RequirementProgress(items);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public long touched() {
        return items.stream().filter(Item::touched).count();
    }

    /** "3 of 5 requirements touched: a; b; c", or "0 of 5 requirements touched" (empty when there are none). */
    public String line() {
        if (items.isEmpty()) {
            return "";
        }
        List<String> touched = items.stream().filter(Item::touched).map(i -> FleetText.firstLine(i.text())).toList();
        return touched() + " of " + items.size() + " requirements touched" + (touched.isEmpty() ? "" : ": "
                + String.join("; ", touched));
    }
}
