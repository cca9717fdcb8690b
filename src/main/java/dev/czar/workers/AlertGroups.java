package dev.czar.workers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fleet alerts as people read them (issue 24): duplicate pairs that share a workstream are one cluster and one line
 * ("possible duplicate work among a, b, c: ..."), not one line per pair; every other alert is its own line. The
 * store keeps the pairs, so each workstream still sees the alerts that concern it.
 */
public final class AlertGroups {
    /** Pairs quoted in a cluster's line; the rest are counted. */
    private static final int QUOTED_PAIRS = 2;

    /** One line to show, the workstreams it concerns, and the stored alerts it stands for. */
    public record Group(String line, Set<String> members, List<WorkerAlert> alerts) {
        public boolean concerns(String workstream) {
            return members.contains(workstream);
        }
    }

    private AlertGroups() {
    }

    public static List<Group> of(List<WorkerAlert> alerts) {
        List<Group> groups = new ArrayList<>();
        Map<String, List<WorkerAlert>> clusters = new LinkedHashMap<>();
        Map<String, String> clusterOf = new LinkedHashMap<>();
        for (WorkerAlert alert : alerts) {
            if (!"duplicate".equals(alert.kind())) {
                groups.add(new Group(alert.line(), new LinkedHashSet<>(List.of(alert.a(), alert.b())), List.of(alert)));
                continue;
            }
            String ca = clusterOf.getOrDefault(alert.a(), alert.a());
            String cb = clusterOf.getOrDefault(alert.b(), alert.b());
            List<WorkerAlert> merged = new ArrayList<>(clusters.getOrDefault(ca, List.of()));
            if (!cb.equals(ca)) {
                merged.addAll(clusters.getOrDefault(cb, List.of()));
                clusters.remove(cb);
                clusterOf.replaceAll((member, cluster) -> cluster.equals(cb) ? ca : cluster);
            }
            merged.add(alert);
            clusters.put(ca, merged);
            clusterOf.put(alert.a(), ca);
            clusterOf.put(alert.b(), ca);
        }
        clusters.values().forEach(pairs -> groups.add(cluster(pairs)));
        return groups;
    }

    /** One line per group, in order: what answers, the digest and the threads show. */
    public static List<String> lines(List<WorkerAlert> alerts) {
        return of(alerts).stream().map(Group::line).toList();
    }

    private static Group cluster(List<WorkerAlert> pairs) {
        Set<String> members = new LinkedHashSet<>();
        pairs.forEach(p -> members.addAll(List.of(p.a(), p.b())));
        if (pairs.size() == 1) {
            return new Group(pairs.get(0).line(), members, pairs);
        }
        StringBuilder line = new StringBuilder("possible duplicate work among ").append(String.join(", ", members))
                .append(" (").append(pairs.size()).append(" pairs): ");
        for (int i = 0; i < Math.min(QUOTED_PAIRS, pairs.size()); i++) {
            WorkerAlert p = pairs.get(i);
            line.append(i == 0 ? "" : "; ").append(p.a()).append(" <-> ").append(p.b()).append(": ").append(p.detail());
        }
        if (pairs.size() > QUOTED_PAIRS) {
            line.append("; and ").append(pairs.size() - QUOTED_PAIRS).append(" more pair(s)");
        }
        return new Group(line.toString(), members, pairs);
    }
}
