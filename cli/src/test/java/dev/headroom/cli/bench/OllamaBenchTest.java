package dev.headroom.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.advisor.models.LocalStores;
import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.advisor.models.TinyGguf;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.cli.CommandRun;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --ollama} against a real HTTP server (the JDK's) that answers as Ollama does. The bodies follow the
 * examples of github.com/ollama/ollama docs/api.md: "Version" ({@code {"version": "0.5.1"}}), "List Local Models"
 * ({@code models[].name, size, digest, details.format/family/families/parameter_size/quantization_level}),
 * "Generate a completion", "Request (No streaming)" (the final object with {@code total_duration},
 * {@code load_duration}, {@code prompt_eval_count} 26, {@code prompt_eval_duration} 325953000, {@code eval_count},
 * {@code eval_duration}) and "List Running Models" ({@code size}, {@code size_vram}); the 404 body is server/routes.go's
 * {@code model "NAME" not found, try pulling it first}.
 */
class OllamaBenchTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService pool;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, String> lastBodies = new ConcurrentHashMap<>();

    /** A canned answer: status, body, and a delay before the headers. */
    record Reply(int status, String body, long delayMillis) {
    }

    static final String TAGS = """
            {"models": [
              {"name": "qwen3:0.6b", "modified_at": "2026-11-04T14:56:49.277302595-07:00", "size": 522653767,
               "digest": "7df6b6e09427a769808717c0a93cadc4ae99ed4eb8bf5ca557c90846becea435",
               "details": {"format": "gguf", "family": "qwen3", "families": ["qwen3"], "parameter_size": "751.63M", "quantization_level": "Q4_K_M"}},
              {"name": "mystery:latest", "modified_at": "2026-12-07T09:32:18.757212583-08:00", "size": 3825819519,
               "digest": "fe938a131f40e6f6d40083c9f0f430a515233eb2edaa6d72eb85c50d64f2300e",
               "details": {"format": "gguf", "family": "llama", "families": null, "parameter_size": "7B", "quantization_level": "Q4_0"}}
            ]}""";

    /** 64 tokens in 1.6 s = 40 tokens/s; 26 prompt tokens in 0.325953 s = 79.8 tokens/s. */
    static String generated(String model) {
        return """
                {"model": "%s", "created_at": "2026-08-04T19:22:45.499127Z", "response": "A lighthouse is a tower ...", "done": true,
                 "done_reason": "length", "context": [1, 2, 3], "total_duration": 5043500667, "load_duration": 5025959,
                 "prompt_eval_count": 26, "prompt_eval_duration": 325953000, "eval_count": 64, "eval_duration": 1600000000}""".formatted(model);
    }

    static String ps(String name, long size, long vram) {
        return """
                {"models": [{"name": "%s", "model": "%s", "size": %d,
                  "digest": "2ae6f6dd7a3dd734790bbbf58b8909a606e0e7e97e94b7604e0aa7ae4490e6d8",
                  "details": {"parent_model": "", "format": "gguf", "family": "qwen3", "families": ["qwen3"], "parameter_size": "751.63M",
                              "quantization_level": "Q4_K_M"},
                  "expires_at": "2026-06-04T14:38:31.83753-07:00", "size_vram": %d}]}""".formatted(name, name, size, vram);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        replies.put("GET /api/version", new Reply(200, "{\"version\": \"0.5.1\"}", 0));
        replies.put("GET /api/tags", new Reply(200, TAGS, 0));
        replies.put("POST /api/generate", new Reply(200, generated("qwen3:0.6b"), 0));
        replies.put("GET /api/ps", new Reply(200, ps("qwen3:0.6b", 1_000_000_000L, 0), 0));
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        pool.shutdownNow();
        Files.deleteIfExists(CalibrationStore.forUser().file());
    }

    private void handle(HttpExchange x) throws IOException {
        String key = x.getRequestMethod() + " " + x.getRequestURI().getPath();
        lastBodies.put(key, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Reply r = replies.getOrDefault(key, new Reply(404, "404 page not found", 0));
        try {
            Thread.sleep(r.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", r.body().startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        x.sendResponseHeaders(r.status(), b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private CommandRun bench(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "bench";
        args[1] = "--ollama";
        args[2] = url();
        args[3] = "--home=" + dir.resolve("home");
        System.arraycopy(more, 0, args, 4, more.length);
        return CommandRun.of(args);
    }

    private static Calibration calibration() {
        String cpu = Machines.standard().probeFacts().cpu().model();
        return new Calibration("2026-11-22", cpu, 2, "vector-512", 34e9, 26e9, 37e9, 29e9, 60e9,
                Map.of(GgmlType.Q4_0, 25e9, GgmlType.Q4_K, 20e9), 20e-6);
    }

    @Test
    void measuresEveryModelPrintsThePredictionAndStoresTheCpuRateWithTheEngine() throws Exception {
        CalibrationStore store = CalibrationStore.forUser();
        store.save(calibration());
        // the prediction is the advisor's for the catalog entry the Ollama name is an alias of, at the run's speed point
        // (26 prompt tokens, decode at 26 + 64 / 2), with the calibration stored before the run
        NamedModel qwen = ModelResolver.installed().resolve("qwen3:0.6b");
        assertThat(qwen.id()).isEqualTo("qwen3-0.6b");
        var predicted = RunPrediction.of(new Advisor(ModelCatalog.bundled()), Machines.standard().probed(true), qwen, Precision.Q4_K_M,
                RuntimeProfile.OLLAMA, Math.min(RuntimeProfile.OLLAMA.defaultContextTokens(), qwen.architecture().maxContext()), 26, 64);
        CommandRun r = bench();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ollama 0.5.1 at " + url() + ", 2 models, 64 tokens each")
                .contains("qwen3:0.6b").contains("mystery:latest").contains("Q4_K_M").contains("CPU")
                .contains("40.0") // decode: eval_count / eval_duration
                .contains("79.8") // prompt: 26 / 0.325953 s
                .contains("Saved [Q4_K] decode rates by ollama 0.5.1");
        assertThat(r.err()).contains("mystery:latest: no prediction (not in the local Ollama store and not a catalog alias)");
        // the request as Ollama documents it: no streaming, num_predict, greedy
        var sent = dev.headroom.cli.Json.MAPPER.readTree(lastBodies.get("POST /api/generate"));
        assertThat(sent.path("stream").isBoolean() && !sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(64);
        assertThat(sent.path("options").path("temperature").asDouble(-1)).isZero();
        assertThat(sent.path("prompt").asText()).isEqualTo(OllamaBenchRun.PROMPT);

        assertThat(r.out()).contains(String.format(Locale.ROOT, "%.1f", predicted.speed().decodeTokensPerSecond()));

        Calibration c = store.load();
        assertThat(c.engine()).isEqualTo("ollama 0.5.1");
        double expected = 2.0 * ParameterCounter.activeParametersPerToken(qwen.architecture()) * 40.0;
        assertThat(c.decodeFlopsByFormat().get(GgmlType.Q4_K)).isCloseTo(expected, within(expected * 1e-9));
        assertThat(c.decodeFlopsByFormat().get(GgmlType.Q4_0)).isEqualTo(25e9); // the unresolved Q4_0 model changed nothing
        assertThat(c.readBytesPerSecond()).isEqualTo(34e9);
    }

    @Test
    void aModelInTheLocalOllamaStoreIsPredictedFromItsOwnFile() throws Exception {
        Path models = dir.resolve("home/.ollama/models");
        LocalStores.ollama(models, "registry.ollama.ai/library/tiny/latest", TinyGguf.bytes());
        replies.put("GET /api/tags", new Reply(200, """
                {"models": [{"name": "tiny:latest", "size": %d, "details": {"format": "gguf", "family": "llama",
                 "parameter_size": "1M", "quantization_level": "Q4_K_M"}}]}""".formatted(TinyGguf.bytes().length), 0));
        replies.put("POST /api/generate", new Reply(200, generated("tiny:latest"), 0));
        replies.put("GET /api/ps", new Reply(200, ps("tiny:latest", 2_000_000L, 0), 0));
        CommandRun r = bench("--ollama-model", "tiny", "--no-save");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("no prediction");
        NamedModel tiny = ModelResolver.of(new ScanEnvironment(dir.resolve("home"), Map.of())).resolve("ollama:tiny:latest");
        assertThat(tiny.kind()).isEqualTo(NamedModel.Kind.OLLAMA);
        var predicted = RunPrediction.of(new Advisor(ModelCatalog.bundled()), Machines.standard().probed(true), tiny, tiny.filePrecision(),
                RuntimeProfile.OLLAMA, Math.min(RuntimeProfile.OLLAMA.defaultContextTokens(), tiny.architecture().maxContext()), 26, 64);
        assertThat(r.out()).contains("tiny:latest").contains(String.format(Locale.ROOT, "%.1f", predicted.speed().decodeTokensPerSecond()))
                .contains("Not saved (--no-save).");
    }

    @Test
    void aRunOnTheGpuIsPrintedButNotCalibrated() throws Exception {
        CalibrationStore store = CalibrationStore.forUser();
        store.save(calibration());
        replies.put("GET /api/ps", new Reply(200, ps("qwen3:0.6b", 1_000_000_000L, 1_000_000_000L), 0));
        CommandRun r = bench("--ollama-model", "qwen3:0.6b");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("GPU").contains("Not saved: no run was wholly on the CPU");
        assertThat(store.load().engine()).isEmpty();
    }

    @Test
    void aModelOllamaDoesNotHaveIsExitThreeWithItsMessage() {
        replies.put("POST /api/generate", new Reply(404, "{\"error\":\"model \\\"qwen3:0.6b\\\" not found, try pulling it first\"}", 0));
        CommandRun r = bench("--ollama-model", "qwen3:0.6b");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("headroom: ollama: /api/generate: HTTP 404: model \"qwen3:0.6b\" not found, try pulling it first")
                .doesNotContain("Exception");
    }

    @Test
    void aSlowServerIsCutAtTheTimeout() {
        replies.put("POST /api/generate", new Reply(200, generated("qwen3:0.6b"), 4000));
        long start = System.nanoTime();
        CommandRun r = bench("--ollama-model", "qwen3:0.6b", "--ollama-timeout", "1");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("/api/generate: no answer within 1 s (raise --ollama-timeout)");
        assertThat(seconds).isLessThan(3.9);
    }

    @Test
    void aNameThatIsNotInstalledIsExitTwoListingWhatIs() {
        CommandRun r = bench("--ollama-model", "llama3.1:8b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("'llama3.1:8b' is not installed").contains("installed: qwen3:0.6b, mystery:latest");
    }

    @Test
    void noModelsIsExitTwo() {
        replies.put("GET /api/tags", new Reply(200, "{\"models\": []}", 0));
        CommandRun r = bench();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has no models installed");
    }

    @Test
    void nothingListeningIsExitTwo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CommandRun r = CommandRun.of("bench", "--ollama", "http://127.0.0.1:" + port);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("nothing answers at http://127.0.0.1:" + port + " (connection refused");
    }

    @Test
    void anUnknownHostIsExitTwo() {
        // .invalid never resolves (RFC 2606)
        CommandRun r = CommandRun.of("bench", "--ollama", "http://no-such-host.invalid:11434");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("unknown host no-such-host.invalid");
    }

    @Test
    void oneEnginePerRun() {
        CommandRun r = CommandRun.of("bench", "--ollama", url(), "--llama-bench", "/bin/true");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("measure one engine per run");
        assertThat(CommandRun.of("bench", "--ollama-model", "x").err()).contains("apply to --ollama");
    }

    @Test
    void aBadUrlIsExitTwo() {
        CommandRun r = CommandRun.of("bench", "--ollama", "ftp://localhost:11434");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("is not an http(s) URL");
        assertThatThrownBy(() -> OllamaApi.parseUrl("localhost:11434")).hasMessageContaining("not an http(s) URL");
        assertThat(OllamaApi.parseUrl("http://localhost:11434/")).isEqualTo(URI.create("http://localhost:11434"));
    }

    @Test
    void somethingElseAtTheUrlIsExitThree() {
        replies.put("GET /api/version", new Reply(200, "<html><body>router login</body></html>", 0));
        CommandRun r = bench();
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("/api/version: the answer is not a JSON object (not an Ollama server?)").doesNotContain("Exception");
        replies.put("GET /api/version", new Reply(200, "{\"version\": \"0.5.1\"}", 0));
        replies.put("POST /api/generate", new Reply(200, "{\"model\": \"qwen3:0.6b\", \"done\": true}", 0));
        CommandRun missing = bench("--ollama-model", "qwen3:0.6b");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("eval_count: expected a non-negative integer");
    }

    @Test
    void theDefaultServerFollowsOllamaHost() {
        assertThat(BenchCommand.ollamaHost(null)).isEqualTo("http://localhost:11434");
        assertThat(BenchCommand.ollamaHost("0.0.0.0")).isEqualTo("http://0.0.0.0:11434");
        assertThat(BenchCommand.ollamaHost("example.com:8080")).isEqualTo("http://example.com:8080");
        assertThat(BenchCommand.ollamaHost("https://ollama.example.com")).isEqualTo("https://ollama.example.com");
    }

    @Test
    void onlyThisMachinesAddressesCountAsLocal() {
        assertThat(OllamaBenchRun.isThisMachine(URI.create("http://127.0.0.1:11434"))).isTrue();
        assertThat(OllamaBenchRun.isThisMachine(URI.create("http://localhost:11434"))).isTrue();
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local interface
        assertThat(OllamaBenchRun.isThisMachine(URI.create("http://192.0.2.1:11434"))).isFalse();
        assertThat(List.of(OllamaApi.clip("a\nb"))).containsExactly("a b");
    }
}
