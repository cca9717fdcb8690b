package dev.czar.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Git's smart HTTP protocol on 127.0.0.1: the bare repositories under a directory served by git's own CGI program
 * ({@code git http-backend}), behind HTTP Basic authentication with one user and password (a GitHub token is the
 * password of {@code x-access-token}). Every Authorization header received is kept, so a test can check what the
 * client sent; a request without the right one gets 401 and a Basic challenge, as GitHub answers.
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String expected;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private GitHttpServer(HttpServer server, Path root, String user, String password) {
        this.server = server;
        this.root = root;
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static GitHttpServer serve(Path root, String user, String password) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            GitHttpServer git = new GitHttpServer(server, root, user, password);
            server.createContext("/", git::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "git-http-server");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return git;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the git HTTP server", e);
        }
    }

    /** The URL of a repository under the root, e.g. {@code http://127.0.0.1:PORT/remote.git}. */
    public String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    /** Every Authorization header received (null for a request without one), oldest first. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            if (!expected.equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = cgi.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            env.put("HOME", root.toString());
            env.put("REMOTE_USER", "x-access-token"); // an authenticated user may push (http.receivepack default)
            env.put("REMOTE_ADDR", "127.0.0.1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", exchange.getRequestURI().getPath());
            env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
            env.put("CONTENT_LENGTH", Integer.toString(body.length));
            putHeader(exchange, env, "Content-Type", "CONTENT_TYPE");
            putHeader(exchange, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
            putHeader(exchange, env, "Git-Protocol", "GIT_PROTOCOL");
            Process p = cgi.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(body);
            }
            respond(exchange, p.getInputStream());
            p.getErrorStream().transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void putHeader(HttpExchange exchange, Map<String, String> env, String header, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    /** Copies the CGI answer: header lines up to a blank line ({@code Status:} sets the code), then the body. */
    private static void respond(HttpExchange exchange, InputStream out) throws IOException {
        int status = 200;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = out.read(); b != -1; b = out.read()) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String header = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).strip();
            String value = header.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream response = exchange.getResponseBody()) {
            out.transferTo(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
