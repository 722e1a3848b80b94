package dev.headroom.probe.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A short in-process measurement of the DRAM read bandwidth that streaming code (llama.cpp's decode) gets: each thread
 * reads its own contiguous share of an array four times larger than common last-level caches, touching one 8-byte word
 * per 64-byte cache line, so the loop issues few instructions and the hardware prefetchers fetch every line (the bytes
 * counted are the lines fetched). The fastest of a few passes after a warm-up. It takes about 100-300 ms; callers cache
 * the result ({@code dev.headroom.advisor.config.QuickBandwidthStore}). On this project's 2-vCPU EPYC VM it reads
 * 25-32 GB/s with one thread and 35-45 GB/s with two, where STREAM read gave 25 and 35-45 and llama.cpp's F16 decode
 * streamed 31 and 39 GB/s (docs/speed-model.md).
 */
public final class QuickBandwidth {
    /** 2^24 longs = 128 MiB: four times a 32 MiB L3, so every pass streams from DRAM. */
    public static final int DEFAULT_LONGS = 1 << 24;
    private static final int LINE_LONGS = 8;
    private static final int PASSES = 3;

    private QuickBandwidth() {
    }

    /** Read bandwidth in bytes/s with {@code threads} threads over the default array. */
    public static double measure(int threads) {
        return measure(threads, DEFAULT_LONGS);
    }

    /** Read bandwidth in bytes/s with {@code threads} threads over {@code longs} 8-byte words (at least 1 MiB). */
    public static double measure(int threads, int longs) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads: must be within 1..1024, was " + threads);
        }
        if (longs < (1 << 17)) {
            throw new IllegalArgumentException("longs: must be at least 131072 (1 MiB), was " + longs);
        }
        long[][] shares = new long[threads][];
        int each = longs / threads / LINE_LONGS * LINE_LONGS;
        List<Thread> workers = new ArrayList<>();
        double[] best = {Double.MAX_VALUE};
        long[] sink = new long[threads];
        for (int pass = -1; pass < PASSES; pass++) {
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(threads);
            final boolean allocate = pass == -1;
            workers.clear();
            for (int t = 0; t < threads; t++) {
                final int id = t;
                Thread w = new Thread(() -> {
                    try {
                        if (allocate) {
                            long[] a = new long[each]; // first touch by the thread that reads it (its NUMA node)
                            for (int i = 0; i < a.length; i += 512) {
                                a[i] = i;
                            }
                            shares[id] = a;
                        }
                        start.await();
                        sink[id] += readLines(shares[id]);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }, "headroom-bandwidth-" + t);
                w.setDaemon(true);
                workers.add(w);
                w.start();
            }
            long t0 = System.nanoTime();
            start.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!allocate) {
                best[0] = Math.min(best[0], seconds);
            }
        }
        long total = 0;
        for (long s : sink) {
            total += s;
        }
        if (total == 42) {
            System.out.print(""); // keeps the reads alive
        }
        return (double) each * threads * Long.BYTES / best[0];
    }

    private static long readLines(long[] a) {
        long s0 = 0;
        long s1 = 0;
        int i = 0;
        for (; i + 2 * LINE_LONGS <= a.length; i += 2 * LINE_LONGS) {
            s0 += a[i];
            s1 += a[i + LINE_LONGS];
        }
        for (; i < a.length; i += LINE_LONGS) {
            s0 += a[i];
        }
        return s0 + s1;
    }
}
