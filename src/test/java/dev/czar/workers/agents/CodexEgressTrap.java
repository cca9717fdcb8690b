package dev.czar.workers.agents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy on loopback that refuses every request and remembers its first line ({@code CONNECT chatgpt.com:443}):
 * pointed to by the agent's proxy variables, it shows whether the agent tried to reach anything beyond loopback
 * (analytics, update checks, plugin sync) without letting it through.
 */
final class CodexEgressTrap implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    CodexEgressTrap() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "egress-trap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    List<String> attempts() {
        return List.copyOf(attempts);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                String first = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.ISO_8859_1)).readLine();
                attempts.add(first == null ? "(empty)" : first);
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // closed, or a client that hung up: nothing to record
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
