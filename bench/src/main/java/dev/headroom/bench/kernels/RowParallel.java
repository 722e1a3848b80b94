package dev.headroom.bench.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Splits row ranges over a fixed set of daemon threads (the caller runs the first share); close() stops them. */
public final class RowParallel implements AutoCloseable {
    /** Work on rows {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    public RowParallel(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads: must be within 1..1024, was " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "headroom-bench-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code 0..rows} in {@code threads} contiguous shares and waits for all. */
    public void run(int rows, RangeTask task) {
        if (pool == null || rows < threads) {
            task.run(0, rows);
            return;
        }
        CountDownLatch done = new CountDownLatch(threads - 1);
        Future<?>[] futures = new Future<?>[threads - 1];
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) rows * t / threads);
            int to = (int) ((long) rows * (t + 1) / threads);
            futures[t - 1] = pool.submit(() -> {
                try {
                    task.run(from, to);
                } finally {
                    done.countDown();
                }
            });
        }
        task.run(0, rows / threads);
        try {
            done.await();
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
