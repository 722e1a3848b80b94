package dev.headroom.dashboard.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers in the shape of prometheus.io/docs/prometheus/latest/querying/api/ ("Instant queries", "Format overview"). */
class PrometheusClientTest {
    @Test
    void anInstantVectorBecomesLabelledSamples() throws IOException {
        String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"headroom_gpu_memory_total_bytes\",\"gpu\":\"0\",\"instance\":\"a:9464\",\"job\":\"headroom\"},"
                + "\"value\":[1764590000.123,\"85520809984\"]},"
                + "{\"metric\":{\"gpu\":\"1\"},\"value\":[1764590000.123,\"NaN\"]}]}}";
        List<PrometheusClient.Sample> samples = PrometheusClient.parse("q", 200, body);
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).label("instance")).isEqualTo("a:9464");
        assertThat(samples.get(0).label("missing")).isEmpty();
        assertThat(samples.get(0).value()).isEqualTo(85_520_809_984.0);
        assertThat(samples.get(1).value()).isNaN();
    }

    @Test
    void errorsNameTheQueryAndWhatPrometheusSaid() {
        String error = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error\"}";
        assertThatThrownBy(() -> PrometheusClient.parse("up{", 400, error))
                .hasMessage("prometheus: 'up{' failed (HTTP 400): bad_data: invalid parameter \"query\": 1:5: parse error");
        assertThatThrownBy(() -> PrometheusClient.parse("q", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
                .hasMessage("prometheus: 'q' returned matrix, not a vector");
        assertThatThrownBy(() -> PrometheusClient.parse("q", 502, "<html>bad gateway</html>"))
                .hasMessage("prometheus: answer to 'q' is not JSON (HTTP 502)");
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> new PrometheusClient("prometheus:9090")).hasMessageStartingWith("prometheus: 'prometheus:9090' is not an http(s) URL");
        assertThatThrownBy(() -> new PrometheusClient("file:///etc/passwd")).hasMessageStartingWith("prometheus: ");
        assertThat(new PrometheusClient("http://127.0.0.1:9090/prom").baseUri().toString()).isEqualTo("http://127.0.0.1:9090/prom/");
    }

    @Test
    void anUnreachableServerIsAnIoErrorNamingIt() {
        assertThatThrownBy(() -> new PrometheusClient("http://127.0.0.1:1").query("up"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("prometheus: cannot reach http://127.0.0.1:1/");
    }
}
