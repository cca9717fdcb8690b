package dev.czar.web;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns Jetty requests into complete {@link HttpCall}s for a {@link Route}: the body is read without holding a thread
 * and only up to the limit (a larger declared body gets 413 unread, a larger streamed one 413 at the limit), then the
 * route runs on the bounded pool. Only sizes are logged here, never content: nothing is verified yet.
 */
final class RouteHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);

    private final String name;
    private final Route route;
    private final int maxBodyBytes;
    private final RequestDeadlines deadlines;
    private final Executor threads;

    RouteHandler(String name, Route route, int maxBodyBytes, RequestDeadlines deadlines, Executor threads) {
        this.name = name;
        this.route = route;
        this.maxBodyBytes = maxBodyBytes;
        this.deadlines = deadlines;
        this.threads = threads;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            LOG.info("{}: refused a request declaring a {} byte body (limit {})", name, declared, maxBodyBytes);
            send(request, response, callback, tooLarge());
            return true;
        }
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, failure) -> {
            try {
                threads.execute(() -> answer(request, response, callback, body, failure));
            } catch (RejectedExecutionException e) {
                send(request, response, callback, HttpReply.text(503, "busy, try again"));
            }
        });
        return true;
    }

    private void answer(Request request, Response response, Callback callback, byte[] body, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            // Jetty's bounded read fails with IllegalStateException("Max size ... exceeded") past the limit
            boolean tooLarge = cause instanceof IllegalStateException;
            LOG.info("{}: refused a request whose body {} ({})", name, tooLarge ? "streamed past " + maxBodyBytes + " bytes"
                    : "could not be read", cause.getClass().getSimpleName());
            send(request, response, callback, tooLarge ? tooLarge() : HttpReply.text(400, "unreadable request body")
                    .withHeaders(Map.of("Connection", List.of("close"))));
            return;
        }
        deadlines.received(connection(request));
        HttpReply reply;
        try {
            reply = route.handle(call(request, body));
        } catch (Exception e) {
            LOG.error("{}: request to {} failed", name, request.getHttpURI().getPath(), e);
            reply = HttpReply.text(500, "internal error (see czar's log)");
        }
        send(request, response, callback, reply);
    }

    private static HttpReply tooLarge() {
        // close: the rest of the body is not worth reading to keep the connection
        return HttpReply.text(413, "payload too large").withHeaders(Map.of("Connection", List.of("close")));
    }

    private static HttpCall call(Request request, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        return new HttpCall(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                headers, body, Request.getRemoteAddr(request));
    }

    private void send(Request request, Response response, Callback callback, HttpReply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach((header, values) -> {
            response.getHeaders().remove(header);
            values.forEach(value -> response.getHeaders().add(header, value));
        });
        Connection connection = connection(request);
        response.write(true, ByteBuffer.wrap(reply.body()), Callback.from(() -> {
            deadlines.responded(connection);
            callback.succeeded();
        }, callback::failed));
    }

    private static Connection connection(Request request) {
        return request.getConnectionMetaData().getConnection();
    }
}
