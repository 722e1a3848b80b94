package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server in its own JVM (real probe, real OSHI) gets a real SIGTERM while a client holds an event
 * stream open: the stream ends, the JVM exits, and the port is free again.
 */
class GracefulShutdownIT {
    private Process server;

    @AfterEach
    void kill() {
        ExternalProcess.stop(server);
    }

    @Test
    void sigtermEndsEventStreamsExitsAndFreesThePort() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = ExternalProcess.artifacts().resolve("graceful-shutdown.log");
        server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServeUntilStoppedMain.class.getName()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(output).contains("\n") && server.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String first = Files.readString(output).lines().findFirst().orElse("");
        assertThat(first).startsWith("listening ");
        int port = Integer.parseInt(first.substring("listening ".length()).trim());

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(15_000);
            OutputStream w = client.getOutputStream();
            w.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            w.flush();
            InputStream in = client.getInputStream();
            String received = readUntil(in, "event: sample");
            assertThat(received).startsWith("HTTP/1.1 200").contains("text/event-stream");

            server.destroy(); // SIGTERM
            // The server ends the chunked response (terminating zero-length chunk) and the stream closes.
            String rest = readToEnd(in);
            assertThat(received + rest).endsWith("\r\n0\r\n\r\n");
        }
        assertThat(server.waitFor(15, TimeUnit.SECONDS)).as("the JVM exits after SIGTERM").isTrue();
        // A requested stop is a success: 0, not the JVM's default 128 + SIGTERM (issue 16).
        assertThat(server.exitValue()).isZero();
        String log = Files.readString(output);
        assertThat(log).contains("stopped; closed 1 event stream and freed port " + port);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (sb.indexOf(marker) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("stream ended before '" + marker + "': " + sb);
            }
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String readToEnd(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
