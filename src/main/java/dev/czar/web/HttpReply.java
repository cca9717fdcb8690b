package dev.czar.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link Route} answers: status, content type, extra headers and the whole body. */
public record HttpReply(int status, String contentType, Map<String, List<String>> headers, byte[] body) {
    public HttpReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static HttpReply text(int status, String text) {
        return new HttpReply(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpReply of(int status, String contentType, byte[] body) {
        return new HttpReply(status, contentType, Map.of(), body);
    }

    /** The same reply with these headers added (replacing any of the same name). */
    public HttpReply withHeaders(Map<String, List<String>> more) {
        Map<String, List<String>> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new HttpReply(status, contentType, all, body);
    }
}
