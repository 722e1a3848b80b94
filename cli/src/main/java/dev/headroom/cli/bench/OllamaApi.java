package dev.headroom.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.cli.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parts of Ollama's HTTP API that {@code bench --ollama} uses (github.com/ollama/ollama docs/api.md):
 * {@code GET /api/version} ({@code {"version": "0.5.1"}}), {@code GET /api/tags} (List Local Models: {@code name},
 * {@code size}, {@code details.family}, {@code details.parameter_size}, {@code details.quantization_level}),
 * {@code POST /api/generate} with {@code "stream": false} (the final object's {@code prompt_eval_count},
 * {@code prompt_eval_duration}, {@code eval_count}, {@code eval_duration}; durations in nanoseconds) and
 * {@code GET /api/ps} (List Running Models: {@code size}, {@code size_vram}). Errors come as
 * {@code {"error": "..."}} with an HTTP status (server/routes.go: 404 {@code model "x" not found, try pulling it first}).
 *
 * <p>Every request has a connect timeout and a deadline for the whole answer (headers and body); a body over
 * {@link #MAX_BODY_BYTES} is refused.
 */
final class OllamaApi {
    /** Largest answer read (a generate reply of a few hundred tokens, with its {@code context} array, is tens of KB). */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** Connect timeout of every request. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Nothing answers at the URL (connection refused, unknown host): nothing to run, exit 2. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** One installed model (List Local Models). */
    record Tag(String name, long sizeBytes, String family, String parameterSize, String quantizationLevel) {
    }

    /** The statistics of one non-streamed generation. A cached prompt may come without prompt figures (then 0). */
    record Generation(long promptEvalCount, long promptEvalNanos, long evalCount, long evalNanos, String doneReason) {
        double decodeTokensPerSecond() {
            return evalCount / (evalNanos / 1e9);
        }

        /** NaN when the reply had no prompt figures. */
        double promptTokensPerSecond() {
            return promptEvalCount > 0 && promptEvalNanos > 0 ? promptEvalCount / (promptEvalNanos / 1e9) : Double.NaN;
        }
    }

    /** One loaded model (List Running Models): its size and how much of it is in GPU memory. */
    record Running(String name, long sizeBytes, long sizeVramBytes) {
    }

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    OllamaApi(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI base() {
        return base;
    }

    /**
     * The server's base URI from what the user wrote: {@code http(s)://host[:port][/path]}, no query.
     *
     * @throws IllegalArgumentException (one line) for anything else
     */
    static URI parseUrl(String text) {
        String t = text == null ? "" : text.strip();
        try {
            URI u = new URI(t);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getQuery() != null
                    || u.getFragment() != null || u.getUserInfo() != null) {
                throw new URISyntaxException(t, "expected http://HOST:PORT");
            }
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
            return new URI(scheme, null, u.getHost(), u.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--ollama: '" + t + "' is not an http(s) URL like http://localhost:11434");
        }
    }

    String version() {
        JsonNode v = get("/api/version").path("version");
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 64) {
            throw new LlamaBench.EngineFailure("ollama: /api/version: expected {\"version\": \"...\"}, got " + clip(v.toString()));
        }
        return v.asText().strip();
    }

    List<Tag> tags() {
        JsonNode models = get("/api/tags").path("models");
        if (!models.isArray()) {
            throw new LlamaBench.EngineFailure("ollama: /api/tags: expected {\"models\": [...]}");
        }
        List<Tag> tags = new ArrayList<>();
        for (JsonNode m : models) {
            JsonNode d = m.path("details");
            tags.add(new Tag(text(m, "name", "/api/tags"), m.path("size").asLong(0), d.path("family").asText(""),
                    d.path("parameter_size").asText(""), d.path("quantization_level").asText("")));
        }
        return tags;
    }

    Generation generate(String model, String prompt, int numPredict) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        body.put("prompt", prompt);
        body.put("stream", false);
        ObjectNode options = body.putObject("options");
        options.put("num_predict", numPredict);
        options.put("temperature", 0);
        options.put("seed", 42);
        JsonNode r = post("/api/generate", Json.write(body));
        String where = "/api/generate " + model;
        long evalCount = count(r, "eval_count", where);
        long evalNanos = count(r, "eval_duration", where);
        if (evalCount < 1 || evalNanos < 1) {
            throw new LlamaBench.EngineFailure("ollama: " + where + ": eval_count " + evalCount + " in eval_duration " + evalNanos
                    + " ns is not a measurement");
        }
        return new Generation(r.path("prompt_eval_count").asLong(0), r.path("prompt_eval_duration").asLong(0), evalCount, evalNanos,
                r.path("done_reason").asText(""));
    }

    List<Running> running() {
        JsonNode models = get("/api/ps").path("models");
        if (!models.isArray()) {
            throw new LlamaBench.EngineFailure("ollama: /api/ps: expected {\"models\": [...]}");
        }
        List<Running> out = new ArrayList<>();
        for (JsonNode m : models) {
            out.add(new Running(text(m, "name", "/api/ps"), m.path("size").asLong(0), m.path("size_vram").asLong(0)));
        }
        return out;
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET(), path);
    }

    private JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), path);
    }

    private URI resolve(String path) {
        return URI.create(base.toString() + path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        String where = "ollama: " + path;
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.timeout(timeout).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new Unreachable(where + ": no connection to " + base + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new LlamaBench.EngineFailure(where + ": no answer within " + timeout.toSeconds() + " s (raise --ollama-timeout)");
        } catch (ConnectException e) {
            if (!resolves(base.getHost())) {
                throw new Unreachable(where + ": unknown host " + base.getHost());
            }
            throw new Unreachable(where + ": nothing answers at " + base + " (connection refused; is 'ollama serve' running?)");
        } catch (IOException e) {
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException || e instanceof java.net.UnknownHostException) {
                throw new Unreachable(where + ": unknown host " + base.getHost());
            }
            throw new LlamaBench.EngineFailure(where + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlamaBench.EngineFailure(where + ": interrupted");
        }
        byte[] body = read(response.body(), deadline, where);
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            json = null;
        }
        if (response.statusCode() != 200) {
            String message = json != null && json.path("error").isTextual() ? json.path("error").asText() : clip(text);
            throw new LlamaBench.EngineFailure(where + ": HTTP " + response.statusCode() + ": " + clip(message));
        }
        if (json == null || !json.isObject()) {
            throw new LlamaBench.EngineFailure(where + ": the answer is not a JSON object (not an Ollama server?): " + clip(text));
        }
        if (json.path("error").isTextual()) {
            throw new LlamaBench.EngineFailure(where + ": " + clip(json.path("error").asText()));
        }
        return json;
    }

    /** The whole body within the deadline (the stream is closed when it passes) and the size bound. */
    private byte[] read(InputStream in, long deadline, String where) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ollama-deadline");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> closer = timer.schedule(() -> {
            expired.set(true);
            try {
                in.close();
            } catch (IOException e) {
                // closing is what ends the read
            }
        }, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    throw new LlamaBench.EngineFailure(where + ": answer over " + MAX_BODY_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (expired.get()) {
                throw new LlamaBench.EngineFailure(where + ": no answer within " + timeout.toSeconds() + " s (raise --ollama-timeout)");
            }
            throw new LlamaBench.EngineFailure(where + ": reading the answer failed: " + e.getMessage());
        } finally {
            closer.cancel(false);
            timer.shutdownNow();
        }
    }

    private static boolean resolves(String host) {
        try {
            java.net.InetAddress.getAllByName(host);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new LlamaBench.EngineFailure("ollama: " + where + ": " + field + ": expected a string, was " + clip(v.toString()));
        }
        return v.asText().length() > 200 ? v.asText().substring(0, 200) : v.asText();
    }

    private static long count(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new LlamaBench.EngineFailure("ollama: " + where + ": " + field + ": expected a non-negative integer, was " + clip(v.toString()));
        }
        return v.asLong();
    }

    /** One line of at most 160 characters. */
    static String clip(String s) {
        String one = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }
}
