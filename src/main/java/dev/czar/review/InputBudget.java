package dev.czar.review;

import dev.czar.chat.Json;
import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Fits a change into a token budget: the redacted patch of each file, smallest first, while they fit; every file
 * that does not fit is summarised as one line (path, change, lines added and removed). Sizes are measured on the
 * JSON-escaped text, because that is what travels in the request body.
 */
final class InputBudget {
    /** Estimated tokens per character of JSON text; 4 characters per token is the usual rule for English and code. */
    static int tokens(String text) {
        return (Json.write(text).length() + 3) / 4;
    }

    private InputBudget() {
    }

    /**
     * The text a persona receives, at most {@code maxTokens} estimated tokens.
     *
     * @param redact applied to every piece before it is measured, so the budget holds for what is actually sent
     */
    static String fit(ReviewInput input, int maxTokens, UnaryOperator<String> redact) {
        StringBuilder out = new StringBuilder();
        if (input.isProposal()) {
            String text = redact.apply(input.proposal());
            String header = "Proposal to review (" + input.label() + "):\n\n";
            if (tokens(header + text) <= maxTokens) {
                return header + text;
            }
            return header + cut(text, maxTokens - tokens(header) - 20) + "\n[proposal cut to fit the review budget]";
        }
        out.append("Change to review: ").append(redact.apply(input.label())).append(" (")
                .append(input.files().size()).append(" files)\n");
        List<FilePatch> bySize = new ArrayList<>(input.files());
        bySize.sort(Comparator.comparingInt(f -> f.patch().length()));
        List<String> summarised = new ArrayList<>();
        StringBuilder patches = new StringBuilder();
        // room for the header and a summary line per file, in case every file ends up summarised
        int used = tokens(out.toString()) + 30 * input.files().size() + 40;
        for (FilePatch file : bySize) {
            String patch = file.binary() ? "" : redact.apply(file.patch());
            // escaping only lengthens text, so a patch whose raw length is already over the room needs no measuring
            boolean hopeless = patch.length() / 4 > maxTokens - used;
            int cost = patch.isEmpty() || hopeless ? Integer.MAX_VALUE / 2 : tokens(patch) + 1; // rounding up per piece keeps the sum an upper bound
            if (!patch.isEmpty() && used + cost <= maxTokens) {
                used += cost;
                patches.append(patch).append('\n');
            } else {
                summarised.add(summary(file, redact));
            }
        }
        if (!summarised.isEmpty()) {
            String list = String.join("\n", summarised);
            if (tokens(out + patches.toString() + list) + 20 > maxTokens) {
                list = cut(list, maxTokens - tokens(out + patches.toString()) - 30) + "\n[file list cut]";
            }
            out.append("\nFiles summarised to fit the budget (patch not shown):\n").append(list).append('\n');
        }
        return out.append('\n').append(patches).toString();
    }

    private static String summary(FilePatch file, UnaryOperator<String> redact) {
        int[] counts = PatchLines.counts(file);
        return "- " + redact.apply(file.path()) + " (" + file.change().toLowerCase(java.util.Locale.ROOT)
                + (file.binary() ? ", binary" : ", +" + counts[0] + " -" + counts[1]) + ")";
    }

    /** The longest prefix of {@code text} within {@code maxTokens}, found by halving. */
    private static String cut(String text, int maxTokens) {
        if (maxTokens <= 0) {
            return "";
        }
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (tokens(text.substring(0, mid)) <= maxTokens) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return text.substring(0, low);
    }
}
