package dev.czar.digest;

import dev.czar.chat.Evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A digest: what changed since {@code since}, in sections, each line with its evidence. When nothing is new the
 * digest is the one {@code headline}.
 *
 * @param chartBenchmark the benchmark whose trend chart belongs with this digest (worst regression), if any
 */
public record Digest(Instant since, Instant at, String headline, List<DigestSection> sections, boolean nothingNew,
                     Optional<String> chartBenchmark) {
    public Digest {
        sections = List.copyOf(sections);
    }

    /** The same digest with {@code warning} as its first line, shown even when nothing else is new. */
    public Digest warnedThat(String warning) {
        return new Digest(since, at, warning + "\n" + headline, sections, nothingNew, chartBenchmark);
    }

    /** Plain text for a terminal or a Slack message. */
    public String render() {
        if (nothingNew) {
            return headline;
        }
        StringBuilder out = new StringBuilder(headline);
        for (DigestSection s : sections) {
            out.append("\n\n").append(s.title()).append(':');
            if (s.lines().isEmpty()) {
                out.append(' ').append(s.note());
            }
            for (DigestLine line : s.lines()) {
                out.append("\n  ").append(line.render());
            }
        }
        return out.toString();
    }

    /** Every fact the digest cites, once. */
    public List<Evidence> evidence() {
        LinkedHashSet<Evidence> all = new LinkedHashSet<>();
        sections.forEach(s -> s.lines().forEach(l -> all.addAll(l.evidence())));
        return new ArrayList<>(all);
    }
}
