package dev.czar.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain socket, for what a polite client never does: headers one byte at a time (slowloris), a body
 * far over the limit, any {@code Host} header. Loopback only.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The status line and what followed, as received before the server closed or {@code waitMs} passed. */
    public record Received(String statusLine, long millis, boolean closedByServer) {
        public int status() {
            String[] parts = statusLine.split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    /** Sends {@code head} (request line and headers, CRLF separated, ending in a blank line) and reads the reply. */
    public static Received exchange(int port, String head, byte[] body, int waitMs) {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(waitMs);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // the body goes out from another thread: a server that answers early must not be blocked by our writing
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeQuietly(out, body));
            String status = readStatusLine(socket.getInputStream());
            long millis = (System.nanoTime() - started) / 1_000_000;
            boolean closed = drainedToEnd(socket.getInputStream());
            writing.completeOnTimeout(null, 1, TimeUnit.SECONDS);
            return new Received(status, millis, closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code count} connections that send {@code head} one byte every {@code pauseMs}, all from one thread,
     * until the server closes them or the head is complete. The handle reports when each was closed.
     */
    public static Slowloris slowloris(int port, int count, String head, long pauseMs) {
        return new Slowloris(port, count, head.getBytes(StandardCharsets.ISO_8859_1), pauseMs);
    }

    /** Connections trickling a request; {@link #closedAfterMillis()} waits until every one was closed by the server. */
    public static final class Slowloris implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();
        private final long[] closedAt;
        private final long started = System.nanoTime();
        private final Thread sender;

        Slowloris(int port, int count, byte[] head, long pauseMs) {
            closedAt = new long[count];
            try {
                for (int i = 0; i < count; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(1);
                    sockets.add(socket);
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            }
            sender = new Thread(() -> trickle(head, pauseMs), "slowloris");
            sender.setDaemon(true);
            sender.start();
        }

        private void trickle(byte[] head, long pauseMs) {
            for (int b = 0; b < head.length && stillOpen() > 0; b++) {
                for (int i = 0; i < sockets.size(); i++) {
                    if (isOpen(i) && !sendByte(sockets.get(i), head[b])) {
                        markClosed(i);
                    }
                }
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized boolean isOpen(int i) {
            return closedAt[i] == 0;
        }

        private synchronized void markClosed(int i) {
            closedAt[i] = System.nanoTime();
        }

        /** How many of the connections the server has not closed yet. */
        public synchronized int stillOpen() {
            int open = 0;
            for (long at : closedAt) {
                open += at == 0 ? 1 : 0;
            }
            return open;
        }

        /** Writes one byte; {@code false} once the server has closed the connection. */
        private static boolean sendByte(Socket socket, byte b) {
            try {
                InputStream in = socket.getInputStream();
                try {
                    if (in.read() == -1) {
                        return false;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // nothing to read yet: the connection is still open
                }
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        public int count() {
            return closedAt.length;
        }

        /** Waits up to {@code limitMs} for the sender to see every connection closed; the time that took, or -1. */
        public long closedAfterMillis(long limitMs) throws InterruptedException {
            sender.join(limitMs);
            return lastClosedMillis();
        }

        private synchronized long lastClosedMillis() {
            if (stillOpen() > 0) {
                return -1;
            }
            long last = 0;
            for (long at : closedAt) {
                last = Math.max(last, at);
            }
            return (last - started) / 1_000_000;
        }

        @Override
        public void close() {
            if (sender != null) {
                sender.interrupt();
            }
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a test connection
                }
            }
        }
    }

    private static void writeQuietly(OutputStream out, byte[] body) {
        try {
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the server closed the connection after answering early: what a limit should do
        }
    }

    private static String readStatusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static boolean drainedToEnd(InputStream in) {
        try {
            byte[] buffer = new byte[8192];
            while (in.read(buffer) != -1) {
                // reading what is left of the reply
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
