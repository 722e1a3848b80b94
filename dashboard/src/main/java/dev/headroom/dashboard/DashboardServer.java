package dev.headroom.dashboard;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.dashboard.http.ApiRoutes;
import dev.headroom.dashboard.http.EventStream;
import dev.headroom.dashboard.http.StaticAssets;
import dev.headroom.dashboard.live.LiveAdvisor;
import dev.headroom.probe.live.StaticHostSampler;
import dev.headroom.probe.live.HostSampler;
import dev.headroom.probe.live.GpuSampler;
import dev.headroom.probe.live.JcudaGpuSampler;
import dev.headroom.probe.live.NvidiaSmiGpuSampler;
import dev.headroom.probe.command.CommandRunner;
import dev.headroom.dashboard.live.LiveSampler;
import dev.headroom.probe.live.OshiHostSampler;
import dev.headroom.dashboard.live.ResolvedWatch;
import dev.headroom.dashboard.metrics.BuildInfo;
import dev.headroom.dashboard.metrics.HeadroomMetrics;
import dev.headroom.probe.SystemProbe;
import dev.headroom.sizing.hardware.HardwareProfile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The running server: one Vert.x instance, one HTTP server, one {@link LiveSampler}. {@link #start}
 * blocks until the port is bound; {@link #close} stops sampling, ends every event stream, lets open
 * requests finish (up to {@link #SHUTDOWN_GRACE_SECONDS}) and frees the port.
 */
public final class DashboardServer implements AutoCloseable {
    public static final int SHUTDOWN_GRACE_SECONDS = 5;
    /** Longest request line and headers accepted: far above any real client, far below memory trouble. */
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    /** Connections silent (no read, no write) this long are closed; event streams write every interval. */
    static final int IDLE_TIMEOUT_SECONDS = 120;
    /**
     * A connection to which the server has written nothing for this long (or twice the sample interval, if
     * longer) is closed. A slowloris client trickling its headers a byte a second never gets a response, so
     * it is closed after this long however busy it keeps the idle timeout; a real client sends its headers
     * in one packet and is answered in milliseconds, and an event stream is written every sample interval.
     * (Vert.x 5 reports a connection only once its first request head has arrived, so the limit is on
     * server writes, which start counting at accept.)
     */
    public static final int HEADER_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final HttpServer http;
    private final LiveSampler sampler;
    private final EventStream events;
    private final HeadroomMetrics metrics;
    private final String host;
    private final List<String> warnings;
    private boolean closed;

    private DashboardServer(Vertx vertx, HttpServer http, LiveSampler sampler, EventStream events, HeadroomMetrics metrics,
                            String host, List<String> warnings) {
        this.vertx = vertx;
        this.http = http;
        this.sampler = sampler;
        this.events = events;
        this.metrics = metrics;
        this.host = host;
        this.warnings = List.copyOf(warnings);
    }

    /** Probes this machine once (OSHI, cgroup, JCuda) and serves it with the bundled catalogs. */
    public static DashboardServer start(DashboardConfig config) {
        return start(config, true);
    }

    /** {@link #start(DashboardConfig)}, with or without this machine's {@code headroom bench} calibration. */
    public static DashboardServer start(DashboardConfig config, boolean useCalibration) {
        config.validate();
        Machines machines = Machines.standard();
        Machine startup = machines.probed(useCalibration);
        // nvidia-smi is the NVIDIA source that also reports utilisation; JCuda serves where it is absent.
        NvidiaSmiGpuSampler smi = new NvidiaSmiGpuSampler(CommandRunner.fromEnvironment());
        boolean nvidia = startup.hardware().gpus().stream().anyMatch(g -> "NVIDIA".equals(g.vendor()));
        GpuSampler gpus = nvidia && smi.available() ? smi : new JcudaGpuSampler(startup.hardware().gpus());
        HostSampler live = new OshiHostSampler(Path.of("/sys/fs/cgroup"), gpus);
        return start(config, startup, machines, live, ModelCatalog.bundled());
    }

    /**
     * Serves a machine that is not this one (a saved profile or described devices, already enriched by
     * {@code machines}): its facts stand still, and every answer is the CLI's for the same machine.
     */
    public static DashboardServer startStatic(DashboardConfig config, Machine machine, Machines machines) {
        return start(config, machine, machines, new StaticHostSampler(machine.hardware()), ModelCatalog.bundled());
    }

    /** Serves a machine described by {@code startup} (no calibration) and read live by {@code live}; for tests. */
    public static DashboardServer start(DashboardConfig config, HardwareProfile startup, HostSampler live,
                                        ModelCatalog catalog, AcceleratorCatalog accelerators) {
        Machines machines = new Machines(accelerators, () -> startup, () -> null);
        return start(config, machines.of(startup, null, "probed"), machines, live, catalog);
    }

    /**
     * Serves a machine described by {@code startup} and read live by {@code live}.
     *
     * @throws IllegalArgumentException for a bad configuration, an unknown watched model, or a port that cannot be bound
     * @throws IllegalStateException when the first sample fails
     */
    public static DashboardServer start(DashboardConfig config, Machine startup, Machines machines, HostSampler live,
                                        ModelCatalog catalog) {
        config.validate();
        List<String> warnings = new ArrayList<>();
        boolean strict = !config.watch().equals(DashboardConfig.DEFAULT_WATCH);
        List<ResolvedWatch> watch = ResolvedWatch.resolve(config.watch(), catalog, strict, warnings);
        LiveAdvisor calculator = new LiveAdvisor(startup, machines, new Advisor(catalog));
        LiveSampler sampler = new LiveSampler(live, calculator, watch, config.sampleIntervalMillis());
        sampler.start();
        EventStream events = new EventStream(sampler, config.maxEventClients());
        HeadroomMetrics metrics = new HeadroomMetrics(startup.hardware(), watch, sampler::state, events::clientCount, BuildInfo.current(),
                startup.calibrationLabel());
        sampler.addListener(metrics);
        sampler.addListener(events);

        // No file caching and no class-path-to-disk extraction: the server never touches the file system.
        Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            Router router = ApiRoutes.router(vertx, config.token(), config.maxRequestBodyBytes(), sampler, calculator,
                    metrics, events, new StaticAssets());
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(config.host()).setPort(config.port())
                    .setMaxInitialLineLength(MAX_INITIAL_LINE).setMaxHeaderSize(MAX_HEADER_BYTES)
                    .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS)
                    .setWriteIdleTimeout(writeIdleSeconds(config.sampleIntervalMillis()));
            HostCheck hosts = HostCheck.of(config);
            HttpServer server = vertx.createHttpServer(options);
            server.requestHandler(request -> {
                // HTTP/1 Host header or HTTP/2 :authority (clients that upgrade with h2c send no Host header then)
                io.vertx.core.net.HostAndPort authority = request.authority();
                if (!hosts.allows(authority != null ? authority.host() : request.getHeader("Host"))) {
                    request.response().setStatusCode(421).putHeader("Content-Type", "application/json")
                            .putHeader("Cache-Control", "no-store")
                            .end("{\"error\":\"Host header not allowed: this server answers to " + hosts.describe()
                                    + " (serve --allowed-hosts NAME adds one)\"}");
                    return;
                }
                router.handle(request);
            });
            HttpServer http = await(server.listen(), 30);
            return new DashboardServer(vertx, http, sampler, events, metrics, config.host(), warnings);
        } catch (RuntimeException e) {
            sampler.close();
            closeQuietly(vertx);
            throw e;
        } catch (ExecutionException e) {
            sampler.close();
            closeQuietly(vertx);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("host/port: cannot listen on " + config.host() + ":" + config.port() + ": "
                    + cause.getMessage(), cause);
        }
    }

    /** Seconds without a server write after which a connection is closed (see {@link #HEADER_TIMEOUT_SECONDS}). */
    static int writeIdleSeconds(long sampleIntervalMillis) {
        return (int) Math.max(HEADER_TIMEOUT_SECONDS, (2 * sampleIntervalMillis + 999) / 1000);
    }

    /** The bound port (the real one when the configuration said 0). */
    public int port() {
        return http.actualPort();
    }

    /** {@code http://host:port/}, with IPv6 hosts in brackets. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** What the server could not set up but worked around (e.g. default watch models missing from the catalog). */
    public List<String> warnings() {
        return warnings;
    }

    public LiveSampler sampler() {
        return sampler;
    }

    public HeadroomMetrics metrics() {
        return metrics;
    }

    public int eventClients() {
        return events.clientCount();
    }

    /** Stops sampling, ends event streams, drains open requests, frees the port. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sampler.close();
        try {
            await(events.closeAll(), SHUTDOWN_GRACE_SECONDS);
            await(http.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS), SHUTDOWN_GRACE_SECONDS + 2);
        } catch (ExecutionException | RuntimeException e) {
            // a stream or connection that would not close cleanly: closing Vert.x below closes it hard
        } finally {
            closeQuietly(vertx);
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            await(vertx.close(), 10);
        } catch (ExecutionException | RuntimeException ignored) {
            // nothing more can be released; the process is ending or the original failure is reported
        }
    }

    private static <T> T await(Future<T> f, int seconds) throws ExecutionException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + seconds + " s", e);
        }
    }
}
