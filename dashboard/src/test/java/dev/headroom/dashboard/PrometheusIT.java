package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (the Debian package's {@code /usr/bin/prometheus}) scrapes a running headroom server
 * on loopback every second; the Grafana dashboard's queries and the alert rules in {@code deploy/} run
 * against it. Prometheus gets a generated configuration and a temporary data directory, and is always
 * stopped at the end.
 */
class PrometheusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static DashboardServer headroom;
    private static Process prometheus;
    private static Path workDir;
    private static String prometheusUrl;

    @BeforeAll
    static void startPrometheusScrapingHeadroom() throws Exception {
        headroom = TestServers.start(TestServers.config());
        workDir = Files.createTempDirectory("headroom-prometheus-it-");
        int port = ExternalProcess.freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + ExternalProcess.deploy().resolve("prometheus/headroom-alerts.yml"),
                "scrape_configs:",
                "  - job_name: headroom",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + headroom.port() + "']",
                ""));
        Path log = ExternalProcess.artifacts().resolve("prometheus.log");
        prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Also when the test JVM is killed before @AfterAll runs, Prometheus must not outlive it.
        Process started = prometheus;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-prometheus"));
        // Ready, then at least a few scrapes so that rate() over 1m has points.
        waitFor(Duration.ofSeconds(60), () -> get("/-/ready").statusCode() == 200);
        waitFor(Duration.ofSeconds(60), () -> query("up{job=\"headroom\"}").size() == 1
                && query("up{job=\"headroom\"}").get(0).get("value").get(1).asText().equals("1"));
        waitFor(Duration.ofSeconds(60), () -> !query("headroom_probe_duration_seconds_count offset 4s").isEmpty());
    }

    @AfterAll
    static void stopEverything() {
        ExternalProcess.stop(prometheus);
        if (headroom != null) {
            headroom.close();
        }
        ExternalProcess.deleteTree(workDir);
    }

    @Test
    void prometheusScrapesHeadroomsHostGpuAndWatchMetrics() throws Exception {
        JsonNode total = query("headroom_memory_total_bytes");
        assertThat(total).hasSize(1);
        assertThat(total.get(0).get("metric").get("job").asText()).isEqualTo("headroom");
        assertThat(Double.parseDouble(total.get(0).get("value").get(1).asText()))
                .isEqualTo((double) TestServers.probe().memory().totalBytes());
        // fixtures/nvml/captured-gpus.csv: GTX 1060 3GB with 3156738048 bytes.
        JsonNode gpu = query("headroom_gpu_memory_total_bytes{gpu=\"0\"}");
        assertThat(gpu.get(0).get("value").get(1).asText()).isEqualTo("3156738048");
        assertThat(query("headroom_model_fits")).hasSize(DashboardConfig.DEFAULT_WATCH.size());
        assertThat(query("headroom_model_fits_when_idle")).hasSize(DashboardConfig.DEFAULT_WATCH.size());
        // A state set: four series per watched deployment, exactly one of them 1.
        assertThat(query("headroom_model_state")).hasSize(4 * DashboardConfig.DEFAULT_WATCH.size());
        assertThat(query("sum by (model, precision, context) (headroom_model_state) == 1")).hasSize(DashboardConfig.DEFAULT_WATCH.size());
        assertThat(query("headroom_gpu_memory_used_by_model_servers_bytes")).isNotEmpty();
        assertThat(query("headroom_build_info").get(0).get("metric").get("version").asText()).isNotBlank();
    }

    @Test
    void everyGrafanaQueryReturnsData() throws Exception {
        JsonNode dashboard = JSON.readTree(ExternalProcess.deploy().resolve("grafana/dashboards/headroom.json").toFile());
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard.get("panels"), exprs);
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(15);
        for (String expr : exprs) {
            String promql = expr.replace("$job", ".*").replace("$instance", ".*").replace("$__rate_interval", "1m");
            assertThat(query(promql)).as("no data for panel query: " + expr).isNotEmpty();
        }
    }

    @Test
    void theDashboardIsFileProvisionableWithADatasourceVariable() throws Exception {
        String text = Files.readString(ExternalProcess.deploy().resolve("grafana/dashboards/headroom.json"));
        JsonNode dashboard = JSON.readTree(text);
        assertThat(text).doesNotContain("${DS_").doesNotContain("__inputs");
        JsonNode vars = dashboard.get("templating").get("list");
        assertThat(vars.get(0).get("type").asText()).isEqualTo("datasource");
        assertThat(vars.get(0).get("query").asText()).isEqualTo("prometheus");
        Pattern labelValues = Pattern.compile("label_values\\((.+), (\\w+)\\)");
        for (JsonNode v : vars) {
            if (!v.get("type").asText().equals("query")) {
                continue;
            }
            Matcher m = labelValues.matcher(v.get("definition").asText());
            assertThat(m.matches()).isTrue();
            JsonNode series = query(m.group(1).replace("$job", ".*"));
            assertThat(series).as(v.get("name").asText()).isNotEmpty();
            series.forEach(s -> assertThat(s.get("metric").has(m.group(2))).isTrue());
        }
    }

    @Test
    void alertRulesPassPromtoolAndLoadIntoTheRunningPrometheus() throws Exception {
        Path rules = ExternalProcess.deploy().resolve("prometheus/headroom-alerts.yml");
        ExternalProcess.Result check = ExternalProcess.run(60, "/usr/bin/promtool", "check", "rules", rules.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        ExternalProcess.Result unit = ExternalProcess.run(60, "/usr/bin/promtool", "test", "rules",
                ExternalProcess.deploy().resolve("prometheus/headroom-alerts.test.yml").toString());
        assertThat(unit.exitCode()).as(unit.output()).isZero();
        assertThat(unit.output()).contains("SUCCESS");
        ExternalProcess.Result config = ExternalProcess.run(60, "/usr/bin/promtool", "check", "config",
                ExternalProcess.deploy().resolve("prometheus/prometheus.yml").toString());
        assertThat(config.exitCode()).as(config.output()).isZero();

        waitFor(Duration.ofSeconds(30), () -> {
            for (JsonNode rule : rulesGroup().get("rules")) {
                if (!rule.get("health").asText().equals("ok")) {
                    return false;
                }
            }
            return true;
        });
        JsonNode group = rulesGroup();
        assertThat(group.get("rules")).hasSize(7);
        for (JsonNode rule : group.get("rules")) {
            // Each expression also runs as a plain query: valid against live data (it returns series only when firing).
            HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(rule.get("query").asText(), StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(rule.get("name").asText()).isEqualTo(200);
        }
    }

    private static JsonNode rulesGroup() throws IOException, InterruptedException {
        JsonNode groups = JSON.readTree(get("/api/v1/rules").body()).get("data").get("groups");
        for (JsonNode g : groups) {
            if (g.get("name").asText().equals("headroom")) {
                return g;
            }
        }
        throw new AssertionError("rule group 'headroom' not loaded: " + groups);
    }

    private static void collectExprs(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            if (node.has("expr")) {
                out.add(node.get("expr").asText());
            }
            node.forEach(child -> collectExprs(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, out));
        }
    }

    private static JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).as(promql + ": " + r.body()).isEqualTo("success");
        return body.get("data").get("result");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitFor(Duration limit, Condition c) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (c.holds()) {
                    return;
                }
            } catch (IOException | AssertionError e) {
                last = e instanceof IOException io ? io : new IOException(e);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("condition not met within " + limit.toSeconds() + " s", last);
    }
}
