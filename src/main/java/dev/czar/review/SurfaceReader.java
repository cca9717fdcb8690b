package dev.czar.review;

import dev.czar.review.PatchLines.SideLine;
import dev.czar.review.SurfaceItem.Kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads public methods, REST routes and command-line flags from one side of a source file's patch (Java, Kotlin,
 * TypeScript/JavaScript, Python). A declaration may span lines: the lines that follow it in the same hunk are joined
 * until its parentheses close. Configuration keys are read by {@link ConfigKeys}.
 */
final class SurfaceReader {
    private static final Pattern SOURCE = Pattern.compile("\\.(java|kt|ts|tsx|js|mjs|py)$");
    /** Tests are not API even where their methods are public (JUnit 4) or top-level (pytest). */
    private static final Pattern TEST_FILE = Pattern.compile(
            "(?i)((^|/)(src/test|tests?|__tests__|spec)/|Tests?\\.(java|kt)$|(^|/)test_[^/]*\\.py$|_test\\.py$|\\.(spec|test)\\.[jt]sx?$)");
    private static final Pattern JAVA_PUBLIC = Pattern.compile(
            "^\\s*public\\s+(?:static\\s+|final\\s+|abstract\\s+|synchronized\\s+|default\\s+|native\\s+|<[^>]+>\\s+)*"
                    + "[\\w<>\\[\\],.? ]+?\\s+(\\w+)\\s*\\(");
    private static final Pattern KOTLIN_FUN = Pattern.compile(
            "^\\s*(?:(?:public|open|override|suspend|inline|operator|infix|final|abstract|actual)\\s+)*fun\\s+"
                    + "(?:<[^>]+>\\s*)?(?:[\\w.]+\\.)?(\\w+)\\s*\\(");
    private static final Pattern TS_FUNCTION = Pattern.compile(
            "^\\s*export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*(\\w+)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern TS_PUBLIC_METHOD = Pattern.compile("^\\s*public\\s+(?:static\\s+|async\\s+)*(\\w+)\\s*\\(");
    /** Top-level Python functions without a leading underscore are the module's public API. */
    private static final Pattern PY_DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z]\\w*)\\s*\\(");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|record|interface|enum)\\s+\\w");

    private static final Pattern SPRING_ROUTE = Pattern.compile(
            "@(Get|Post|Put|Delete|Patch|Request)Mapping\\b\\s*(?:\\((.*)\\))?");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    private static final Pattern REQUEST_METHOD = Pattern.compile("RequestMethod\\.(\\w+)");
    private static final Pattern EXPRESS_ROUTE = Pattern.compile(
            "\\b(?:app|router|server|api|routes)\\.(get|post|put|delete|patch|all)\\s*\\(\\s*['\"`]([^'\"`]+)['\"`]");
    private static final Pattern FLASK_ROUTE = Pattern.compile("^\\s*@\\w+\\.route\\s*\\(\\s*['\"]([^'\"]+)['\"](.*)");
    private static final Pattern FLASK_METHODS = Pattern.compile("methods\\s*=\\s*[\\[(]([^\\])]*)[\\])]");
    private static final Pattern PY_VERB_ROUTE = Pattern.compile("^\\s*@\\w+\\.(get|post|put|delete|patch)\\s*\\(\\s*['\"]([^'\"]+)['\"]");

    private static final Pattern PICOCLI = Pattern.compile("@Option\\s*\\((.*)\\bnames\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
    private static final Pattern ARGPARSE = Pattern.compile("\\badd_argument\\s*\\(((?:\\s*['\"]-[^'\"]*['\"]\\s*,?)+)");
    private static final Pattern COMMANDER = Pattern.compile("\\.(?:option|requiredOption)\\s*\\(\\s*['\"]([^'\"]*-[^'\"]*)['\"]");

    private SurfaceReader() {
    }

    static boolean isApiSource(String path) {
        return SOURCE.matcher(path).find() && !TEST_FILE.matcher(path).find();
    }

    /** Every method, route and flag declared on this side of the patch of {@code path}. */
    static List<SurfaceItem> read(String path, List<SideLine> side) {
        List<SurfaceItem> items = new ArrayList<>();
        String language = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        for (int i = 0; i < side.size(); i++) {
            SideLine line = side.get(i);
            String text = joined(side, i);
            method(language, text).ifPresent(form -> items.add(item(Kind.METHOD, form, Set.of(form.substring(0, form.indexOf('('))), line)));
            route(language, text).ifPresent(form -> items.add(item(Kind.ROUTE, form, Set.of(form), line)));
            Set<String> flags = flags(text);
            if (!flags.isEmpty()) {
                items.add(item(Kind.FLAG, String.join(", ", flags), flags, line));
            }
        }
        return items;
    }

    private static SurfaceItem item(Kind kind, String form, Set<String> names, SideLine line) {
        return new SurfaceItem(kind, form, names, line.hunk(), line.number());
    }

    /** The line, and the next lines of its hunk while its parentheses are open (at most 12). */
    private static String joined(List<SideLine> side, int start) {
        StringBuilder text = new StringBuilder(side.get(start).text());
        int depth = depth(text);
        for (int i = start + 1; depth > 0 && i < side.size() && i - start <= 12 && side.get(i).hunk() == side.get(start).hunk(); i++) {
            text.append(' ').append(side.get(i).text().strip());
            depth = depth(text);
        }
        return text.toString();
    }

    private static int depth(CharSequence text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
        }
        return depth;
    }

    /** {@code name(Type, Type)} (Java, Kotlin, TypeScript) or {@code name(param, param)} (Python, JavaScript). */
    private static Optional<String> method(String language, String text) {
        Pattern pattern = switch (language) {
            case "java" -> JAVA_PUBLIC;
            case "kt" -> KOTLIN_FUN;
            case "py" -> PY_DEF;
            default -> text.stripLeading().startsWith("public") ? TS_PUBLIC_METHOD : TS_FUNCTION;
        };
        Matcher m = pattern.matcher(text);
        if (!m.find() || TYPE_DECLARATION.matcher(text.substring(0, m.start(1))).find()
                || (language.equals("kt") && text.matches("^\\s*(private|internal|protected)\\b.*"))) {
            return Optional.empty();
        }
        int open = m.end() - 1;
        int close = closing(text, open);
        if (close < 0) {
            return Optional.empty();
        }
        List<String> params = new ArrayList<>();
        for (String param : Params.split(text.substring(open + 1, close))) {
            String shown = Params.shown(language, param);
            if (!shown.isEmpty() && !(language.equals("py") && (shown.equals("self") || shown.equals("cls")))) {
                params.add(shown);
            }
        }
        return Optional.of(m.group(1) + "(" + String.join(", ", params) + ")");
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code VERB /path}: Spring mapping annotations, Express handlers, Flask/FastAPI decorators. */
    private static Optional<String> route(String language, String text) {
        Matcher spring = SPRING_ROUTE.matcher(text);
        if ((language.equals("java") || language.equals("kt")) && spring.find()) {
            String args = spring.group(2) == null ? "" : spring.group(2);
            Matcher path = QUOTED.matcher(args.replaceAll("(produces|consumes|headers|params|name)\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")", ""));
            String route = path.find() ? (path.group(1) != null ? path.group(1) : path.group(2)) : "";
            String verb = spring.group(1).equals("Request") ? requestMethods(args) : spring.group(1).toUpperCase(Locale.ROOT);
            return Optional.of(verb + " " + (route.isEmpty() ? "/" : route));
        }
        Matcher express = EXPRESS_ROUTE.matcher(text);
        if (!language.equals("py") && express.find()) {
            return Optional.of(express.group(1).toUpperCase(Locale.ROOT) + " " + express.group(2));
        }
        Matcher flask = FLASK_ROUTE.matcher(text);
        if (language.equals("py") && flask.find()) {
            Matcher methods = FLASK_METHODS.matcher(flask.group(2));
            String verbs = methods.find() ? methods.group(1).replaceAll("[\\s'\"]", "").toUpperCase(Locale.ROOT) : "GET";
            return Optional.of(verbs.replace(",", "|") + " " + flask.group(1));
        }
        Matcher verbRoute = PY_VERB_ROUTE.matcher(text);
        if (language.equals("py") && verbRoute.find()) {
            return Optional.of(verbRoute.group(1).toUpperCase(Locale.ROOT) + " " + verbRoute.group(2));
        }
        return Optional.empty();
    }

    private static String requestMethods(String args) {
        Matcher m = REQUEST_METHOD.matcher(args);
        List<String> verbs = new ArrayList<>();
        while (m.find()) {
            verbs.add(m.group(1));
        }
        return verbs.isEmpty() ? "ANY" : String.join("|", verbs);
    }

    /** The names of a picocli {@code @Option}, an argparse argument or a commander option, as written. */
    private static Set<String> flags(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher picocli = PICOCLI.matcher(text);
        Matcher argparse = ARGPARSE.matcher(text);
        Matcher commander = COMMANDER.matcher(text);
        String quotedNames = picocli.find() ? picocli.group(2) : argparse.find() ? argparse.group(1) : null;
        if (quotedNames != null) {
            Matcher q = QUOTED.matcher(quotedNames);
            while (q.find()) {
                names.add(q.group(1) != null ? q.group(1) : q.group(2));
            }
        } else if (commander.find()) {
            for (String token : commander.group(1).split("[\\s,|]+")) {
                if (token.startsWith("-")) {
                    names.add(token);
                }
            }
        }
        return names;
    }
}
