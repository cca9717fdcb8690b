package dev.czar.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The citation check of task fit (issue 24), in the spirit of {@link dev.czar.agent.CitationChecker} for SHAs and
 * run ids: a model's evidence "path" or "path:line" (also "path:12-14", "path line 12") must name a file the change
 * touches and, when a line is given, a line it adds. Anything else is flagged, never taken as evidence.
 */
public final class DiffCitations {
    private static final Pattern LOCATION = Pattern.compile("^\\s*`?([^\\s:`]+?)`?(?:(?::|\\s+lines?\\s+)(\\d+)(?:\\s*-\\s*(\\d+))?)?\\s*$");

    private DiffCitations() {
    }

    /** Which of {@code citations} the change backs and which it does not (with why). */
    public record Checked(List<String> verified, List<String> flagged) {
    }

    public static Checked check(List<String> citations, ChangeSummary change) {
        List<String> verified = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        for (String citation : citations) {
            String problem = problem(citation, change);
            if (problem == null) {
                verified.add(citation);
            } else {
                flagged.add(citation + " (" + problem + ")");
            }
        }
        return new Checked(verified, flagged);
    }

    private static String problem(String citation, ChangeSummary change) {
        Matcher m = LOCATION.matcher(citation);
        if (!m.matches()) {
            return "not a path or path:line";
        }
        String path = m.group(1).replaceFirst("^[ab]/", "");
        if (!change.touches(path)) {
            return "the change does not touch this file";
        }
        if (m.group(2) == null) {
            return null;
        }
        int from = Integer.parseInt(m.group(2));
        int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
        for (int line = from; line <= Math.min(to, from + 200); line++) {
            if (change.adds(path, line)) {
                return null; // a range is backed when the change adds a line in it
            }
        }
        return "the change adds no line " + (to == from ? String.valueOf(from) : from + "-" + to) + " there";
    }
}
