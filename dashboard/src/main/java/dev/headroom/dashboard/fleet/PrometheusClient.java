package dev.headroom.dashboard.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}, JSON; prometheus.io/docs/prometheus/latest/querying/api/).
 * Answers are bounded: at most {@link #MAX_BODY_BYTES} of JSON, {@link #MAX_SERIES} series, and a
 * {@link #TIMEOUT} per request, so a wrong URL or a huge fleet cannot hang or exhaust the caller.
 */
public final class PrometheusClient {
    /** Largest response read: far above a fleet's headroom series (a few hundred bytes per series). */
    public static final int MAX_BODY_BYTES = 16 << 20;
    public static final int MAX_SERIES = 100_000;
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series of an instant vector: its labels and its value now. */
    public record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }

        /** The label's value, or "" when absent. */
        public String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    private final URI base;
    private final HttpClient http;

    /**
     * @param baseUrl the server, e.g. {@code http://prometheus:9090} (a path prefix such as {@code /prom} is kept)
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public PrometheusClient(String baseUrl) {
        URI u;
        try {
            u = URI.create(baseUrl == null ? "" : baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prometheus: '" + baseUrl + "' is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException("prometheus: '" + baseUrl + "' is not an http(s) URL such as http://prometheus:9090");
        }
        String s = u.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI baseUri() {
        return base;
    }

    /**
     * Runs {@code promql} now and returns its instant vector.
     *
     * @throws IOException naming the query when the server cannot be reached, answers with an error
     *     ({@code errorType: error}), or returns something other than a vector
     */
    public List<Sample> query(String promql) throws IOException {
        URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("prometheus: interrupted while querying " + promql, e);
        } catch (IOException e) {
            throw new IOException("prometheus: cannot reach " + base + " (" + e.getMessage() + ")", e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("prometheus: answer to '" + promql + "' exceeds " + (MAX_BODY_BYTES >> 20) + " MiB");
        }
        return parse(promql, response.statusCode(), new String(body, StandardCharsets.UTF_8));
    }

    /** Parses an API answer (status code and JSON body); public for tests of captured answers. */
    public static List<Sample> parse(String promql, int statusCode, String body) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("prometheus: answer to '" + promql + "' is not JSON (HTTP " + statusCode + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IOException("prometheus: answer to '" + promql + "' is not a JSON object (HTTP " + statusCode + ")");
        }
        if (!"success".equals(root.path("status").asText())) {
            throw new IOException("prometheus: '" + promql + "' failed (HTTP " + statusCode + "): "
                    + root.path("errorType").asText("?") + ": " + root.path("error").asText("no message"));
        }
        JsonNode data = root.path("data");
        if (!"vector".equals(data.path("resultType").asText())) {
            throw new IOException("prometheus: '" + promql + "' returned " + data.path("resultType").asText("nothing") + ", not a vector");
        }
        JsonNode result = data.path("result");
        if (result.size() > MAX_SERIES) {
            throw new IOException("prometheus: '" + promql + "' returned " + result.size() + " series, more than " + MAX_SERIES);
        }
        List<Sample> out = new ArrayList<>(result.size());
        for (JsonNode series : result) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            JsonNode value = series.path("value");
            if (!value.isArray() || value.size() != 2) {
                throw new IOException("prometheus: '" + promql + "' returned a series without [time, value]");
            }
            out.add(new Sample(labels, number(value.get(1).asText())));
        }
        return out;
    }

    /** Prometheus writes sample values as strings, including {@code NaN}, {@code +Inf} and {@code -Inf}. */
    static double number(String text) throws IOException {
        switch (text) {
            case "NaN": return Double.NaN;
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IOException("prometheus: sample value '" + text + "' is not a number");
                }
        }
    }
}
