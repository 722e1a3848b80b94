package dev.headroom.probe.command;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a library call that may shell out without a time limit of its own (OSHI runs {@code lshw},
 * {@code dmidecode}, {@code lspci} through {@code Runtime.exec} and reads their output to the end) on a
 * daemon thread, waits at most a time limit, and then gives up with a warning naming the call. Processes
 * that the abandoned call spawned are killed (with their own children) until the call returns: every child
 * of this JVM that {@link CommandRunner} does not own (it bounds its own) belongs to such a call, so an
 * abandoned call can neither keep a hung tool alive after the probe returns nor keep the JVM waiting.
 */
public final class BoundedCall {
    /** Processes started and still watched by a {@link CommandRunner}; the reaper leaves them alone. */
    static final Set<Long> OWNED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK = new AtomicBoolean();

    private BoundedCall() {
    }

    /**
     * {@code body}'s value, or {@code fallback}'s when {@code body} throws or takes longer than {@code limit};
     * in both cases one line naming {@code what} is added to {@code warnings}.
     *
     * @param what the call in words, e.g. "CPU details (OSHI, which runs lshw)"
     */
    public static <T> T call(String what, Duration limit, Supplier<T> body, Supplier<T> fallback, List<String> warnings) {
        return start(what, limit, body).get(fallback, warnings);
    }

    /** Starts {@code body} now on its own daemon thread; {@link Pending#get} waits until {@code limit} after now. */
    public static <T> Pending<T> start(String what, Duration limit, Supplier<T> body) {
        CompletableFuture<T> task = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                task.complete(body.get());
            } catch (Throwable e) {
                task.completeExceptionally(e);
            }
        }, "headroom-bounded-call");
        worker.setDaemon(true);
        long deadline = System.nanoTime() + limit.toNanos();
        worker.start();
        return new Pending<>(what, limit, deadline, task);
    }

    /** A call started by {@link #start}: its value, once, within its deadline. */
    public static final class Pending<T> {
        private final String what;
        private final Duration limit;
        private final long deadlineNanos;
        private final CompletableFuture<T> task;

        private Pending(String what, Duration limit, long deadlineNanos, CompletableFuture<T> task) {
            this.what = what;
            this.limit = limit;
            this.deadlineNanos = deadlineNanos;
            this.task = task;
        }

        /** The value, or {@code fallback}'s with one warning when the call failed or its deadline passed. */
        public T get(Supplier<T> fallback, List<String> warnings) {
            try {
                return task.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(task);
                warnings.add(what + " interrupted");
                return fallback.get();
            } catch (TimeoutException e) {
                abandon(task);
                warnings.add(what + " did not answer within " + seconds(limit) + " and was abandoned (its tools were killed)");
                return fallback.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                warnings.add(what + " failed: " + firstLine(message));
                return fallback.get();
            }
        }
    }

    /** Kills this JVM's unowned child processes (and theirs) now, then every 100 ms until {@code task} ends. */
    private static void abandon(CompletableFuture<?> task) {
        killUnowned();
        Thread reaper = new Thread(() -> {
            while (!task.isDone()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                killUnowned();
            }
        }, "headroom-bounded-call-reaper");
        reaper.setDaemon(true);
        reaper.start();
        if (HOOK.compareAndSet(false, true)) {
            // A call still running at exit may have started a tool since the reaper's last pass.
            Runtime.getRuntime().addShutdownHook(new Thread(BoundedCall::killUnowned, "headroom-bounded-call-exit"));
        }
    }

    /** Kills the children of this JVM that no {@link CommandRunner} owns, each with its descendants. */
    static int killUnowned() {
        int[] killed = {0};
        ProcessHandle.current().children().filter(p -> !OWNED.contains(p.pid())).forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            if (p.destroyForcibly()) {
                killed[0]++;
            }
        });
        return killed[0];
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
