package dev.headroom.dashboard;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a server running until it is asked to stop. SIGTERM and SIGINT (Ctrl-C) are handled, not left
 * to the JVM's default (which runs the shutdown hooks and exits 143 or 130): the server closes
 * gracefully (event streams ended, requests drained, port freed), one line says so, and
 * {@link #awaitShutdown} returns, so that {@code serve} exits 0 as a service manager expects of a
 * requested stop. Where those signals cannot be handled (a JVM run with {@code -Xrs}), and for any other
 * way the JVM ends, a shutdown hook still closes the server.
 */
public final class ShutdownOnSignal {
    private ShutdownOnSignal() {
    }

    /** Blocks the calling thread until SIGTERM, SIGINT or JVM shutdown; then {@code server} is closed. */
    public static void awaitShutdown(DashboardServer server, PrintWriter out) {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        Runnable close = () -> {
            if (done.compareAndSet(false, true)) {
                int streams = server.eventClients();
                server.close();
                out.println("headroom: stopped; closed " + streams + " event stream" + (streams == 1 ? "" : "s")
                        + " and freed port " + server.port());
                out.flush();
            }
        };
        Thread hook = new Thread(() -> {
            close.run();
            stop.countDown();
        }, "headroom-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        handle("TERM", stop);
        handle("INT", stop);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is closing the server
        }
        close.run();
    }

    /** Routes the signal to {@code stop}; false where the JVM does not let it be handled. */
    static boolean handle(String signal, CountDownLatch stop) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.countDown());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
