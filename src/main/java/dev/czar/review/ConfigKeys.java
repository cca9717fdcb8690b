package dev.czar.review;

import dev.czar.review.PatchLines.SideLine;
import dev.czar.review.SurfaceItem.Kind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys one side of a config file's patch shows: YAML keys as dotted paths (the parents the hunk
 * shows, by indentation) and {@code .properties} keys. Deployment manifests, CI files and message bundles are
 * YAML or properties too but not the software's settings, so they are left out.
 */
final class ConfigKeys {
    private static final Pattern CONFIG_FILE = Pattern.compile(
            "(?i)((^|/)(config|conf|settings)/[^/]*\\.(ya?ml|properties)$|(^|/)(application|bootstrap|config|settings)[^/]*\\.(ya?ml|properties)$"
                    + "|(^|/)src/main/resources/[^/]*\\.(ya?ml|properties)$)");
    private static final Pattern NOT_SETTINGS = Pattern.compile(
            "(?i)((^|/)(\\.github|\\.gitlab|\\.circleci|k8s|helm|charts|i18n|locales?|translations)/|docker-compose|compose\\.ya?ml$|messages[^/]*\\.properties$)");
    private static final Pattern YAML_KEY = Pattern.compile("^( *)([A-Za-z0-9_][\\w.\\-]*|\"[^\"]+\"|'[^']+')\\s*:(\\s|$)");
    private static final Pattern PROPERTIES_KEY = Pattern.compile("^\\s*([A-Za-z0-9_][\\w.\\-\\[\\]]*)\\s*[=:]");

    private record Parent(int indent, String path) {
    }

    private ConfigKeys() {
    }

    static boolean isConfigFile(String path) {
        return CONFIG_FILE.matcher(path).find() && !NOT_SETTINGS.matcher(path).find();
    }

    static List<SurfaceItem> read(String path, List<SideLine> side) {
        return path.endsWith(".properties") ? properties(side) : yaml(side);
    }

    private static List<SurfaceItem> properties(List<SideLine> side) {
        List<SurfaceItem> keys = new ArrayList<>();
        for (SideLine line : side) {
            Matcher m = PROPERTIES_KEY.matcher(line.text());
            if (!line.text().stripLeading().startsWith("#") && !line.text().stripLeading().startsWith("!") && m.find()) {
                keys.add(key(m.group(1), line));
            }
        }
        return keys;
    }

    /** Each hunk starts without parents: keys above it are not in the patch, so paths start where the hunk does. */
    private static List<SurfaceItem> yaml(List<SideLine> side) {
        List<SurfaceItem> keys = new ArrayList<>();
        Deque<Parent> parents = new ArrayDeque<>();
        int hunk = -1;
        for (SideLine line : side) {
            if (line.hunk() != hunk) {
                parents.clear();
                hunk = line.hunk();
            }
            Matcher m = YAML_KEY.matcher(line.text());
            if (!m.find()) {
                continue; // comments, list items, values continued on the next line, document markers
            }
            int indent = m.group(1).length();
            while (!parents.isEmpty() && parents.peek().indent() >= indent) {
                parents.pop();
            }
            String name = m.group(2).replaceAll("^[\"']|[\"']$", "");
            String path = parents.isEmpty() ? name : parents.peek().path() + "." + name;
            parents.push(new Parent(indent, path));
            keys.add(key(path, line));
        }
        return keys;
    }

    private static SurfaceItem key(String path, SideLine line) {
        return new SurfaceItem(Kind.CONFIG_KEY, path, Set.of(path), line.hunk(), line.number());
    }
}
