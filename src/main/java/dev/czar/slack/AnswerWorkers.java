package dev.czar.slack;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool answers are produced on. Slack handlers only enqueue here and acknowledge at once, so a slow
 * answer never delays an acknowledgement; a full queue is reported to the caller instead of growing without end.
 */
final class AnswerWorkers implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timers;

    AnswerWorkers(int workers, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> daemon(r, "czar-slack-answer-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "czar-slack-timer"));
    }

    /** Queues the work; {@code false} when the queue is full. */
    boolean submit(Runnable work) {
        try {
            pool.execute(work);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** Timers for the "working on it" reaction and other delayed touches; never for answering. */
    ScheduledExecutorService timers() {
        return timers;
    }

    /** Lets queued answers finish for up to {@code waitMs}, then stops. */
    void drain(long waitMs) {
        pool.shutdown();
        try {
            pool.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        drain(5000);
        pool.shutdownNow();
        timers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
