package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code headroom serve}'s error paths: each is one line naming the option, exit code 2, no stack trace. */
class ServeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void aPortOutOfRangeIsInvalidInput() {
        assertThat(run("serve", "--port", "70000")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("port: must be within 0..65535, was 70000").doesNotContain("Exception");
    }

    @Test
    void aBadWatchEntryNamesTheField() {
        assertThat(run("serve", "--watch", "llama-3-8b:Q4_K_Z:8192")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("quant: unknown 'Q4_K_Z'").contains("Q4_K_M");
    }

    @Test
    void anUnknownWatchedModelIsRefusedBeforeListening() {
        assertThat(run("serve", "--port", "0", "--watch", "llama-9-8b:Q4_K_M:4096")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("watch: model: unknown 'llama-9-8b'");
    }

    @Test
    void aShortTokenIsRefused() {
        assertThat(run("serve", "--token", "abc")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("token: must be at least 16");
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(run("serve", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(err.toString()).contains("host/port: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
