package dev.headroom.dashboard;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a server running until the JVM is asked to stop (SIGTERM, SIGINT / Ctrl-C): a shutdown hook
 * closes the server gracefully (event streams ended, requests drained, port freed) before the JVM exits.
 */
public final class ShutdownOnSignal {
    private ShutdownOnSignal() {
    }

    /** Blocks the calling thread until the JVM shuts down; the hook closes {@code server}. */
    public static void awaitShutdown(DashboardServer server, PrintWriter out) {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int streams = server.eventClients();
            server.close();
            out.println("headroom: stopped; closed " + streams + " event stream" + (streams == 1 ? "" : "s")
                    + " and freed port " + server.port());
            out.flush();
            closed.countDown();
        }, "headroom-shutdown"));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }
}
