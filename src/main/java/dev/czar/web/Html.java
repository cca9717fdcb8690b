package dev.czar.web;

import dev.czar.agent.Redactor;

/**
 * HTML escaping for everything the dashboard prints; text is first {@link Redactor#displayable} (masked, without
 * ANSI or control characters), so no secret and no terminal escape reaches a page.
 */
final class Html {
    private Html() {
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = Redactor.INSTANCE.displayable(String.valueOf(value));
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A path segment for a URL inside an attribute. */
    static String segment(String value) {
        return text(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
