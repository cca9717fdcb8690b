package dev.czar.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a front door sees it: already complete (headers and a body within its size limit), so a
 * {@link Route} never waits on the client.
 *
 * @param headers       names compared ignoring case, each with its values in arrival order
 * @param rawQuery      the query string as sent, {@code null} when there is none
 * @param remoteAddress the client's IP address
 */
public record HttpCall(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       String remoteAddress) {
    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
