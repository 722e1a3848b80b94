package dev.headroom.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * How the server listens and what it watches. {@link #validate()} reports every problem at once.
 *
 * @param host the address to bind; {@code 127.0.0.1} unless the user exposes the server on purpose
 * @param port the TCP port, 0 for any free port
 * @param token the bearer token required on everything but {@code /metrics}; empty for none
 * @param watch the deployments exported as {@code headroom_model_*} metrics, at most {@link #MAX_WATCH}
 * @param sampleIntervalMillis how often the shared sampler reads CPU, memory and GPUs
 * @param maxEventClients the most concurrent {@code /events} streams; more get HTTP 503
 * @param maxRequestBodyBytes the largest request body accepted (the API has no body; larger gets HTTP 413)
 * @param allowedHosts names accepted in the {@code Host} header besides the loopback names and the bound address
 *        ({@code *} for any); empty: only those on a loopback address, any on a non-loopback one
 */
public record DashboardConfig(String host, int port, String token, List<WatchItem> watch, long sampleIntervalMillis,
                              int maxEventClients, int maxRequestBodyBytes, List<String> allowedHosts) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** 9464, as issue 7 names it; the OpenTelemetry Prometheus exporter uses it too, so pass --port when both run on a host. */
    public static final int DEFAULT_PORT = 9464;
    /** Bounds the {@code headroom_model_*} label sets to 32 per host. */
    public static final int MAX_WATCH = 32;
    public static final int DEFAULT_MAX_EVENT_CLIENTS = 256;
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 16 * 1024;
    public static final long DEFAULT_SAMPLE_INTERVAL_MILLIS = 1000;
    /** The environment variable read when {@code --token} is not given. */
    public static final String TOKEN_ENV = "HEADROOM_TOKEN";
    /** Shortest token accepted: 16 characters (e.g. {@code openssl rand -hex 16} gives 32). */
    public static final int MIN_TOKEN_CHARS = 16;

    /**
     * The default watch list: small models a laptop runs, a mid-size one and a large one, so that a fleet
     * view shows a gradient. Entries whose model is missing from the catalog are skipped with a warning.
     */
    public static final List<WatchItem> DEFAULT_WATCH = List.of(
            WatchItem.parse("llama-3-8b:Q4_K_M:8192"),
            WatchItem.parse("llama-3-8b:Q8_0:8192"),
            WatchItem.parse("mistral-7b:Q4_K_M:8192"),
            WatchItem.parse("mixtral-8x7b:Q4_K_M:8192"),
            WatchItem.parse("llama-3-70b:Q4_K_M:8192"));

    public DashboardConfig {
        host = host == null ? "" : host.trim();
        token = token == null ? "" : token;
        watch = watch == null ? List.of() : List.copyOf(watch);
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(h -> h.trim().toLowerCase(java.util.Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
    }

    /** Without allowed hosts beyond the defaults. */
    public DashboardConfig(String host, int port, String token, List<WatchItem> watch, long sampleIntervalMillis,
                           int maxEventClients, int maxRequestBodyBytes) {
        this(host, port, token, watch, sampleIntervalMillis, maxEventClients, maxRequestBodyBytes, List.of());
    }

    public DashboardConfig withAllowedHosts(List<String> hosts) {
        return new DashboardConfig(host, port, token, watch, sampleIntervalMillis, maxEventClients, maxRequestBodyBytes, hosts);
    }

    /** Loopback, port 9464, no token, the default watch list. */
    public static DashboardConfig defaults() {
        return new DashboardConfig(DEFAULT_HOST, DEFAULT_PORT, "", DEFAULT_WATCH, DEFAULT_SAMPLE_INTERVAL_MILLIS,
                DEFAULT_MAX_EVENT_CLIENTS, DEFAULT_MAX_REQUEST_BODY_BYTES);
    }

    public DashboardConfig withHost(String h) {
        return new DashboardConfig(h, port, token, watch, sampleIntervalMillis, maxEventClients, maxRequestBodyBytes, allowedHosts);
    }

    public DashboardConfig withPort(int p) {
        return new DashboardConfig(host, p, token, watch, sampleIntervalMillis, maxEventClients, maxRequestBodyBytes, allowedHosts);
    }

    public DashboardConfig withToken(String t) {
        return new DashboardConfig(host, port, t, watch, sampleIntervalMillis, maxEventClients, maxRequestBodyBytes, allowedHosts);
    }

    public DashboardConfig withWatch(List<WatchItem> w) {
        return new DashboardConfig(host, port, token, w, sampleIntervalMillis, maxEventClients, maxRequestBodyBytes, allowedHosts);
    }

    public DashboardConfig withSampleIntervalMillis(long ms) {
        return new DashboardConfig(host, port, token, watch, ms, maxEventClients, maxRequestBodyBytes, allowedHosts);
    }

    public DashboardConfig withMaxEventClients(int n) {
        return new DashboardConfig(host, port, token, watch, sampleIntervalMillis, n, maxRequestBodyBytes, allowedHosts);
    }

    public boolean requiresToken() {
        return !token.isEmpty();
    }

    /** Every problem with this configuration, each naming the setting and its value; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (host.isEmpty()) {
            problems.add("host: missing");
        }
        if (port < 0 || port > 65535) {
            problems.add("port: must be within 0..65535, was " + port);
        }
        if (!token.isEmpty() && (token.length() < MIN_TOKEN_CHARS || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            problems.add("token: must be at least " + MIN_TOKEN_CHARS + " printable ASCII characters without spaces"
                    + " (e.g. openssl rand -hex 16)");
        }
        for (String h : allowedHosts) {
            if (!h.equals("*") && !h.matches("[a-z0-9.:\\[\\]_-]{1,253}")) {
                problems.add("allowed hosts: '" + (h.length() > 40 ? h.substring(0, 40) + "..." : h) + "' is not a host name or address");
            }
        }
        if (watch.size() > MAX_WATCH) {
            problems.add("watch: at most " + MAX_WATCH + " entries (each is a Prometheus label set), was " + watch.size());
        }
        if (watch.stream().distinct().count() != watch.size()) {
            problems.add("watch: has duplicate entries");
        }
        if (sampleIntervalMillis < 100 || sampleIntervalMillis > 60_000) {
            problems.add("sample interval: must be within 100..60000 ms, was " + sampleIntervalMillis);
        }
        if (maxEventClients < 1 || maxEventClients > 10_000) {
            problems.add("max event clients: must be within 1..10000, was " + maxEventClients);
        }
        if (maxRequestBodyBytes < 0 || maxRequestBodyBytes > 1 << 20) {
            problems.add("max request body: must be within 0..1048576 bytes, was " + maxRequestBodyBytes);
        }
        return problems;
    }

    /** @throws IllegalArgumentException listing every problem when the configuration is invalid */
    public DashboardConfig validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return this;
    }
}
