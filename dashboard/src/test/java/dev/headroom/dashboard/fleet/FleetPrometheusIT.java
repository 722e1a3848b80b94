package dev.headroom.dashboard.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.headroom.dashboard.ExternalProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (the Debian package's {@code /usr/bin/prometheus}) scrapes three headroom-like
 * {@code /metrics} endpoints on loopback, each serving one fixture of {@code fixtures/fleet/} (an 8 x H100
 * node with two GPUs busy, a 2 x A10 node, a workstation with an RTX 4090); the fleet is read back
 * through the Prometheus HTTP API and placed on.
 */
class FleetPrometheusIT {
    private static final String[] FIXTURES = {"gpu-8x-h100.prom", "gpu-2x-a10.prom", "gpu-1x-4090.prom"};
    private static final long GIB = 1L << 30;
    private static final List<HttpServer> exporters = new ArrayList<>();
    private static final List<String> targets = new ArrayList<>();
    private static Process prometheus;
    private static Path workDir;
    private static PrometheusClient client;

    @BeforeAll
    static void startPrometheusScrapingThreeHosts() throws Exception {
        for (String fixture : FIXTURES) {
            byte[] body;
            try (InputStream in = FleetPrometheusIT.class.getResourceAsStream("/fixtures/fleet/" + fixture)) {
                body = in.readAllBytes();
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            exporters.add(server);
            targets.add("127.0.0.1:" + server.getAddress().getPort());
        }
        workDir = Files.createTempDirectory("headroom-fleet-it-");
        int port = ExternalProcess.freePort();
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "scrape_configs:",
                "  - job_name: headroom",
                "    static_configs:",
                "      - targets: [" + targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + "]",
                ""));
        Path log = ExternalProcess.artifacts().resolve("prometheus-fleet.log");
        prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = prometheus;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-prometheus-fleet"));
        client = new PrometheusClient("http://127.0.0.1:" + port);
        waitFor(Duration.ofSeconds(90), () -> client.query("headroom_host_info").size() == 3
                && client.query("headroom_gpu_memory_used_bytes").size() == 11);
    }

    @AfterAll
    static void stopEverything() {
        ExternalProcess.stop(prometheus);
        exporters.forEach(s -> s.stop(0));
        ExternalProcess.deleteTree(workDir);
    }

    @Test
    void theFleetIsReadBackWithHostsGpusAndFreeMemory() throws IOException {
        Fleet fleet = FleetReader.read(client, "job=\"headroom\"");
        assertThat(fleet.hosts()).hasSize(3);
        assertThat(fleet.gpuCount()).isEqualTo(11);
        FleetHost h100 = host(fleet, "gpu-node-01");
        assertThat(h100.instance()).isEqualTo(targets.get(0));
        assertThat(h100.job()).isEqualTo("headroom");
        assertThat(h100.os()).isEqualTo("Linux 6.8.0-49-generic");
        assertThat(h100.memoryAvailableBytes()).isEqualTo(1_932_735_283_200L);
        assertThat(h100.gpus()).extracting(FleetGpu::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(h100.gpus().get(0).name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(h100.gpus().get(0).freeBytes()).isEqualTo(85_520_809_984L - 75 * GIB);
        assertThat(h100.gpus().get(7).freeBytes()).isEqualTo(85_520_809_984L - 512L * (1 << 20));
        assertThat(h100.gpus().get(7).calibrated()).isFalse(); // no host exports calibrations yet
        assertThat(host(fleet, "workstation-03").gpus()).singleElement()
                .satisfies(g -> assertThat(g.freeBytes()).isEqualTo(25_757_220_864L - GIB));
        assertThat(FleetReader.read(client, "job=\"other\"").hosts()).isEmpty();
    }

    @Test
    void vllmReplicasOfTwoH100sFitOnlyTheFreeGpusOfTheH100Node() throws IOException {
        Fleet fleet = FleetReader.read(client);
        FleetPlacement.Result r = FleetPlacement.place(fleet, ReplicaShape.vllm(2, 0.9, "H100"), 2);
        assertThat(r.capacity()).isEqualTo(3); // GPUs 2..7 are free; 0 and 1 hold 75 GiB of another job
        assertThat(r.hostsThatCanTakeOne()).extracting(FleetPlacement.HostCapacity::hostName).containsExactly("gpu-node-01");
        assertThat(r.placement()).hasSize(2).allSatisfy(p -> assertThat(p.hostName()).isEqualTo("gpu-node-01"));
        assertThat(r.placement().get(0).gpus()).doesNotContain(0, 1).hasSize(2);
        assertThat(r.hosts()).filteredOn(h -> h.hostName().equals("gpu-node-02")).singleElement()
                .satisfies(h -> assertThat(h.reason()).isEqualTo("no GPU named like 'H100' (has NVIDIA A10)"));
    }

    @Test
    void aFourteenGibReplicaFitsSeveralTimesPerLargeGpuAndOnceOnTheSmallOnes() throws IOException {
        FleetPlacement.Result r = FleetPlacement.place(FleetReader.read(client), ReplicaShape.bytes(1, 14 * GIB, ""), 0);
        // H100 GPUs 2..7: (85.52 GB - 0.54 GB) / 15.03 GB = 5 each; GPUs 0, 1: 5.0 GB free, none;
        // A10: 23.83 GB / 15.03 GB = 1 each; RTX 4090: 24.68 GB / 15.03 GB = 1.
        assertThat(r.capacity()).isEqualTo(30 + 2 + 1);
        assertThat(r.placement()).hasSize(33);
        assertThat(r.hostsThatCanTakeOne()).hasSize(3);
    }

    private static FleetHost host(Fleet fleet, String name) {
        return fleet.hosts().stream().filter(h -> h.hostName().equals(name)).findFirst().orElseThrow();
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
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("condition not met within " + limit.toSeconds() + " s", last);
    }
}
