package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 16's server findings, with real sockets on loopback: DNS rebinding and slowloris. */
class ServerHardeningTest {
    private DashboardServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    /** The status line of a GET / with this Host header (null: no Host header). */
    static String status(int port, String host) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            String request = "GET /api/hardware HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Connection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("");
        }
    }

    @Test
    void aRebindingPageNamedEvilIsRefusedOnLoopback() throws IOException {
        server = TestServers.start(TestServers.config());
        int port = server.port();
        assertThat(status(port, "evil.example")).startsWith("HTTP/1.1 421");
        assertThat(status(port, "evil.example:" + port)).startsWith("HTTP/1.1 421");
        assertThat(status(port, "127.0.0.1.evil.example")).startsWith("HTTP/1.1 421");
        for (String ok : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port, "localhost.")) {
            assertThat(status(port, ok)).as(ok).doesNotStartWith("HTTP/1.1 421");
        }
    }

    @Test
    void allowedHostsOpenTheCheck() throws IOException {
        server = TestServers.start(TestServers.config().withAllowedHosts(List.of("headroom.internal")));
        assertThat(status(server.port(), "headroom.internal")).doesNotStartWith("HTTP/1.1 421");
        assertThat(status(server.port(), "evil.example")).startsWith("HTTP/1.1 421");
        server.close();
        server = TestServers.start(TestServers.config().withAllowedHosts(List.of("*")));
        assertThat(status(server.port(), "evil.example")).doesNotStartWith("HTTP/1.1 421");
    }

    @Test
    void aSlowlorisClientIsClosedWithinTheHeaderTimeout() throws Exception {
        server = TestServers.start(TestServers.config());
        byte[] request = ("GET /api/hardware HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(200) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        int sent = 0;
        boolean closed = false;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            s.setSoTimeout(1000);
            // One byte a second, as a slowloris client sends; bounded at 20 s (twice the documented timeout).
            while (sent < request.length && System.nanoTime() - start < 20_000_000_000L) {
                try {
                    out.write(request[sent++]);
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                try {
                    if (in.read() < 0) {
                        closed = true;
                        break;
                    }
                } catch (SocketTimeoutException e) {
                    // still open: a second has passed
                } catch (IOException e) {
                    closed = true;
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("slowloris client closed after %.1f s and %d bytes%n", seconds, sent);
        assertThat(closed).as("closed by the server").isTrue();
        assertThat(seconds).isBetween(DashboardServer.HEADER_TIMEOUT_SECONDS - 1.0, DashboardServer.HEADER_TIMEOUT_SECONDS + 4.0);
        assertThat(sent).isLessThan(request.length);
    }

    @Test
    void aRealClientOnKeepAliveIsServedTwice() throws IOException {
        server = TestServers.start(TestServers.config());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            byte[] get = "GET /api/hardware HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(get);
            s.getOutputStream().write(get);
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[8192];
            while (seen.toString().split("HTTP/1.1 200", -1).length < 3) {
                int n = s.getInputStream().read(buf);
                assertThat(n).as("two responses before the close").isPositive();
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
    }
}
