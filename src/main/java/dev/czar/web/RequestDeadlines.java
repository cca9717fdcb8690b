package dev.czar.web;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not delivered a complete request within the deadline, counted from when it opened or
 * its previous response went out. Jetty's idle timeout restarts with every byte, so without this a client sending its
 * headers one byte at a time (slowloris) keeps a connection for as long as it likes.
 */
final class RequestDeadlines implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);

    private final Scheduler scheduler;
    private final long deadlineMillis;
    private final Map<Connection, Deadline> armed = new ConcurrentHashMap<>();

    RequestDeadlines(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.deadlineMillis = deadline.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        arm(connection);
    }

    @Override
    public void onClosed(Connection connection) {
        Deadline deadline = armed.remove(connection);
        if (deadline != null) {
            deadline.cancel();
        }
    }

    /** The connection delivered a whole request: what it does next is the route's time, not the client's. */
    void received(Connection connection) {
        onClosed(connection);
    }

    /** The response went out; a kept-alive connection now owes the next request within the deadline. */
    void responded(Connection connection) {
        if (connection.getEndPoint().isOpen()) {
            arm(connection);
        }
    }

    private void arm(Connection connection) {
        Deadline deadline = new Deadline(connection);
        deadline.task = scheduler.schedule(deadline, deadlineMillis, TimeUnit.MILLISECONDS);
        Deadline before = armed.put(connection, deadline);
        if (before != null) {
            before.cancel();
        }
    }

    /** One armed deadline; it closes its connection only if it is still the connection's current one. */
    private final class Deadline implements Runnable {
        private final Connection connection;
        private volatile Scheduler.Task task;

        Deadline(Connection connection) {
            this.connection = connection;
        }

        void cancel() {
            Scheduler.Task scheduled = task;
            if (scheduled != null) {
                scheduled.cancel();
            }
        }

        @Override
        public void run() {
            if (armed.remove(connection, this)) {
                LOG.debug("closing {}: no complete request within {} ms", connection.getEndPoint().getRemoteSocketAddress(),
                        deadlineMillis);
                connection.getEndPoint().close();
            }
        }
    }
}
