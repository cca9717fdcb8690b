package dev.czar.review;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declared parameter list as callers see it: types where the language declares them (Java, Kotlin, TypeScript),
 * names where it does not (Python, JavaScript), so that renaming a Java parameter is not a change while adding one is.
 */
final class Params {
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\([^)]*\\))?\\s*");
    private static final Pattern JAVA_PARAM = Pattern.compile("^(.*?\\S)\\s*\\b\\w+$");

    private Params() {
    }

    /** Splits at the commas outside {@code <>}, {@code ()}, {@code []} and {@code {}}. */
    static List<String> split(String list) {
        List<String> params = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if ("<([{".indexOf(c) >= 0) {
                depth++;
            } else if (">)]}".indexOf(c) >= 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                params.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = list.substring(start).strip();
        if (!last.isEmpty()) {
            params.add(last);
        }
        return params;
    }

    static String shown(String language, String param) {
        String p = ANNOTATION.matcher(param).replaceAll("").replaceAll("\\s+", " ").strip();
        return switch (language) {
            case "java" -> java(p);
            case "kt" -> kotlin(p);
            case "py" -> beforeAny(p, ":=").strip();
            default -> typeScript(p);
        };
    }

    private static String java(String p) {
        p = p.replaceFirst("^final\\s+", "");
        Matcher m = JAVA_PARAM.matcher(p);
        return (m.find() ? m.group(1) : p).replaceAll("\\s+(?=[\\[.])", "");
    }

    private static String kotlin(String p) {
        String noDefault = beforeAny(p, "=").strip();
        int colon = noDefault.indexOf(':');
        String type = colon < 0 ? noDefault : noDefault.substring(colon + 1).strip();
        return p.startsWith("vararg ") ? "vararg " + type : type;
    }

    /** TypeScript: the declared type ({@code string}, {@code string?} when optional); JavaScript: the name. */
    private static String typeScript(String p) {
        String noDefault = beforeAny(p, "=").strip().replaceFirst("^(public|private|protected|readonly)\\s+", "");
        int colon = noDefault.indexOf(':');
        if (colon < 0) {
            return noDefault;
        }
        boolean optional = noDefault.substring(0, colon).strip().endsWith("?") || p.contains("=");
        return noDefault.substring(colon + 1).strip() + (optional ? "?" : "");
    }

    private static String beforeAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return text.substring(0, i);
            }
        }
        return text;
    }
}
