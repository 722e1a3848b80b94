package dev.headroom.dashboard;

import java.io.PrintWriter;

/**
 * What {@code headroom serve --port 0} does, as a main class of the test class path so that
 * {@link GracefulShutdownIT} can run it in a child JVM and send it a real SIGTERM.
 */
public final class ServeUntilStoppedMain {
    private ServeUntilStoppedMain() {
    }

    public static void main(String[] args) {
        DashboardServer server = DashboardServer.start(DashboardConfig.defaults().withPort(0));
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("listening " + server.port());
        ShutdownOnSignal.awaitShutdown(server, out);
        System.exit(0); // as Main does with serve's exit code
    }
}
