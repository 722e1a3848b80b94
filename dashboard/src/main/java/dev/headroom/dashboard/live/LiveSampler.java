package dev.headroom.dashboard.live;

import dev.headroom.probe.live.HostSample;
import dev.headroom.probe.live.HostSampler;
import dev.headroom.advisor.Machine;
import dev.headroom.sizing.units.ByteUnits;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one shared sampler. A single daemon thread reads a {@link HostSampler} every interval, sizes the
 * watch list, recomputes the "what fits now" table when free memory moved by at least
 * {@link #FIT_RECOMPUTE_BYTES}, and publishes a {@link LiveState}. Readers ({@link #state()}) never block
 * and never trigger a reading: however many clients connect, the machine is read once per interval.
 */
public final class LiveSampler implements AutoCloseable {
    /** 64 MiB: below what any catalog model's size changes by between ladder steps, above allocator noise. */
    public static final long FIT_RECOMPUTE_BYTES = 64 * ByteUnits.MIB;
    /** Samples kept for a newly connected page: 5 minutes at the default 1 s interval. */
    public static final int HISTORY_SIZE = 300;

    private final HostSampler sampler;
    private final LiveAdvisor calculator;
    private final List<ResolvedWatch> watch;
    private final long intervalMillis;
    private final List<SampleListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<LiveState> state = new AtomicReference<>();
    private final ArrayDeque<HostSample> history = new ArrayDeque<>(HISTORY_SIZE);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong lastSuccessMillis = new AtomicLong();
    private volatile String lastError = "";
    private ScheduledExecutorService executor;

    public LiveSampler(HostSampler sampler, LiveAdvisor calculator, List<ResolvedWatch> watch, long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval: must be positive, was " + intervalMillis + " ms");
        }
        this.sampler = sampler;
        this.calculator = calculator;
        this.watch = List.copyOf(watch);
        this.intervalMillis = intervalMillis;
    }

    public void addListener(SampleListener listener) {
        listeners.add(listener);
    }

    /**
     * Takes the first sample on the calling thread (so that every reader finds a state), then samples
     * every interval on the sampler thread.
     *
     * @throws IllegalStateException when the first sample fails
     */
    public synchronized LiveState start() {
        if (executor != null) {
            throw new IllegalStateException("sampler already started");
        }
        if (!tick()) {
            throw new IllegalStateException("probe failed: " + lastError);
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "headroom-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return state.get();
    }

    /** The latest state; null only before {@link #start()}. */
    public LiveState state() {
        return state.get();
    }

    /** The last samples, oldest first, at most {@link #HISTORY_SIZE}. */
    public List<HostSample> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    public long errorCount() {
        return errors.get();
    }

    /** Wall-clock time of the last successful sample, 0 before the first. */
    public long lastSuccessEpochMillis() {
        return lastSuccessMillis.get();
    }

    public String lastError() {
        return lastError;
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    /** Takes one sample now; true when it succeeded. Package-private so tests can step the sampler. */
    boolean tick() {
        long start = System.nanoTime();
        try {
            HostSample sample = sampler.sample();
            LiveState previous = state.get();
            Machine machine = calculator.machineAt(sample);
            FitTable fit;
            long fitVersion;
            if (previous == null || memoryMoved(previous.fit(), machine)) {
                fit = calculator.fitTable(machine, sample.epochMillis());
                fitVersion = previous == null ? 1 : previous.fitVersion() + 1;
            } else {
                fit = previous.fit();
                fitVersion = previous.fitVersion();
            }
            LiveState next = new LiveState(sample, machine, fit, fitVersion, calculator.watch(machine, watch),
                    previous == null ? 1 : previous.sequence() + 1);
            synchronized (history) {
                if (history.size() == HISTORY_SIZE) {
                    history.removeFirst();
                }
                history.addLast(sample);
            }
            state.set(next);
            lastSuccessMillis.set(sample.epochMillis());
            long nanos = System.nanoTime() - start;
            for (SampleListener l : listeners) {
                notify(() -> {
                    l.timed(nanos);
                    l.published(next);
                });
            }
            return true;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            errors.incrementAndGet();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            long nanos = System.nanoTime() - start;
            for (SampleListener l : listeners) {
                notify(() -> {
                    l.timed(nanos);
                    l.failed(e);
                });
            }
            return false;
        }
    }

    /** A listener that throws must not stop the sampler or the other listeners. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // the listener's own bug; the state it missed is still readable through state()
        }
    }

    private static boolean memoryMoved(FitTable last, Machine now) {
        if (Math.abs(now.hardware().memory().effectiveAvailableBytes() - last.hostAvailableBytes()) >= FIT_RECOMPUTE_BYTES) {
            return true;
        }
        List<Long> gpuFree = now.hardware().gpus().stream().map(g -> g.usableBytes()).toList();
        if (gpuFree.size() != last.gpuFreeBytes().size()) {
            return true;
        }
        for (int i = 0; i < gpuFree.size(); i++) {
            if (Math.abs(gpuFree.get(i) - last.gpuFreeBytes().get(i)) >= FIT_RECOMPUTE_BYTES) {
                return true;
            }
        }
        return false;
    }

    /** Stops sampling; the last state stays readable. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
