package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON API, the page and the error paths of a real server on port 0, called through Vert.x's WebClient. */
@ExtendWith(VertxExtension.class)
class HttpApiTest {
    private static DashboardServer server;
    private WebClient client;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.config());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void client(Vertx vertx) {
        client = WebClient.create(vertx);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> get(String path) throws Exception {
        return await(client.get(server.port(), "127.0.0.1", path).send());
    }

    @Test
    void hardwareDescribesThisMachineWithTheLatestSample() throws Exception {
        HttpResponse<Buffer> r = get("/api/hardware");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        JsonObject hw = r.bodyAsJsonObject();
        assertThat(hw.getJsonObject("cpu").getInteger("logicalCores")).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(hw.getJsonObject("memory").getLong("totalBytes")).isEqualTo(TestServers.probe().memory().totalBytes());
        assertThat(hw.getJsonObject("cpu").getDouble("utilizationRatio")).isBetween(0.0, 1.0);
        JsonArray gpus = hw.getJsonArray("gpus");
        assertThat(gpus).hasSize(2);
        assertThat(gpus.getJsonObject(0).getString("name")).isEqualTo("GeForce GTX 1060 3GB");
        assertThat(gpus.getJsonObject(0).getLong("memoryFreeBytes")).isEqualTo(3156738048L - 685441024L);
    }

    @Test
    void catalogListsModelsPrecisionsRuntimesAndFormDefaults() throws Exception {
        JsonObject c = get("/api/catalog").bodyAsJsonObject();
        assertThat(c.getJsonArray("models").stream().map(m -> ((JsonObject) m).getString("id"))).contains("llama-3-8b", "gpt-2");
        assertThat(c.getJsonArray("precisions").getList()).contains("F16", "Q4_K_M", "Q8_0");
        assertThat(c.getJsonArray("runtimes").getList()).contains("llama.cpp");
        assertThat(c.getJsonObject("defaults").getString("quant")).isEqualTo("Q4_K_M");
    }

    @Test
    void estimateReturnsABreakdownThatSumsToItsTotalWithPlacementAndSpeed() throws Exception {
        HttpResponse<Buffer> r = get("/api/estimate?model=llama-3-8b&quant=Q4_K_M&context=8192&batch=2&runtime=llama.cpp");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject e = r.bodyAsJsonObject();
        assertThat(e.getJsonObject("model").getString("id")).isEqualTo("llama-3-8b");
        assertThat(e.getLong("contextTokens")).isEqualTo(8192);
        assertThat(e.getInteger("batch")).isEqualTo(2);
        JsonObject memory = e.getJsonObject("memory");
        long sum = memory.getJsonArray("components").stream().mapToLong(c -> ((JsonObject) c).getLong("bytes")).sum();
        assertThat(sum).isEqualTo(memory.getLong("totalBytes"));
        // llama-3-8b KV cache: 32 layers x 8 KV heads x 128 x 2 (K,V) x 8192 tokens x 2 sequences x 2 bytes = 2 GiB.
        assertThat(memory.getJsonArray("components").stream().map(c -> (JsonObject) c)
                .filter(c -> c.getString("name").equals("kvCache")).findFirst().orElseThrow().getLong("bytes")).isEqualTo(2L << 30);
        assertThat(e.getJsonObject("placement").getBoolean("fits")).isNotNull();
        // The test machine's captured GPUs (GTX 1060 3GB) are not in the accelerator catalog: the speed of a
        // placement on them is unknown and says why, instead of silently using CPU ceilings.
        JsonObject speed = e.getJsonObject("speed");
        assertThat(e.getJsonObject("placement").getString("label")).contains("GPU");
        assertThat(speed.getValue("decodeTokensPerSecond")).as(e.encode()).isNull();
        assertThat(speed.getJsonArray("inputs").getJsonObject(0).getString("note")).contains("is not in the accelerator catalog");
    }

    @Test
    void fitListsEveryHostableModelWithAVerdict() throws Exception {
        JsonObject f = get("/api/fit").bodyAsJsonObject();
        assertThat(f.getLong("version")).isPositive();
        assertThat(f.getJsonArray("models")).isNotEmpty();
        JsonObject gpt2 = f.getJsonArray("models").stream().map(m -> (JsonObject) m)
                .filter(m -> m.getString("id").equals("gpt-2")).findFirst().orElseThrow();
        assertThat(gpt2.getBoolean("fits")).as("GPT-2 (124M) fits on any machine that runs this build").isTrue();
        assertThat(f.getInteger("fitting")).isPositive();
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/estimate|model",
        "/api/estimate?model=no-such-model|model",
        "/api/estimate?model=llama-3-8b&quant=Q9_Z|quant",
        "/api/estimate?model=llama-3-8b&context=-5|context",
        "/api/estimate?model=llama-3-8b&context=abc|context",
        "/api/estimate?model=llama-3-8b&batch=0|batch",
        "/api/estimate?model=llama-3-8b&runtime=nope|runtime",
        "/api/estimate?model=llama-3-8b&colour=blue|colour"})
    void badParametersGet400WithAJsonErrorNamingTheParameter(String path, String parameter) throws Exception {
        HttpResponse<Buffer> r = get(path);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("parameter")).isEqualTo(parameter);
        assertThat(body.getString("error")).contains(parameter);
        assertThat(body.getInteger("status")).isEqualTo(400);
    }

    @Test
    void unknownRoutesGet404Json() throws Exception {
        HttpResponse<Buffer> r = get("/etc/passwd");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.bodyAsJsonObject().getString("error")).contains("no such route");
        assertThat(get("/assets/../../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/assets/app.js.bak").statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsOnKnownRoutesGet405Json() throws Exception {
        HttpResponse<Buffer> r = await(client.post(server.port(), "127.0.0.1", "/api/fit").send());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.getHeader("Allow")).isEqualTo("GET");
        assertThat(r.bodyAsJsonObject().getString("error")).contains("GET only");
    }

    @Test
    void oversizedBodiesAndRequestLinesAreRefused() throws Exception {
        HttpResponse<Buffer> big = await(client.get(server.port(), "127.0.0.1", "/api/fit")
                .sendBuffer(Buffer.buffer(new byte[DashboardConfig.DEFAULT_MAX_REQUEST_BODY_BYTES + 1])));
        assertThat(big.statusCode()).isEqualTo(413);
        HttpResponse<Buffer> longLine = get("/api/estimate?model=" + "x".repeat(5000));
        assertThat(longLine.statusCode()).isIn(400, 414);
    }

    @Test
    void thePageAndItsAssetsComeFromThisServerOnly() throws Exception {
        HttpResponse<Buffer> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'");
        assertThat(page.bodyAsString()).contains("<script src=\"/assets/app.js\"").contains("id=\"chart-cpu\"").contains("id=\"whatif\"");
        Pattern external = Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);
        for (String asset : new String[] {"/", "/assets/app.js", "/assets/app.css"}) {
            HttpResponse<Buffer> r = get(asset);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(external.matcher(r.bodyAsString()).find()).as(asset + " references another host").isFalse();
        }
        assertThat(get("/assets/app.js").getHeader("Content-Type")).startsWith("text/javascript");
        assertThat(get("/assets/favicon.svg").getHeader("Content-Type")).isEqualTo("image/svg+xml");
    }

    @Test
    void unchangedAssetsAreRevalidatedWith304() throws Exception {
        String etag = get("/assets/app.js").getHeader("ETag");
        HttpResponse<Buffer> again = await(client.get(server.port(), "127.0.0.1", "/assets/app.js")
                .putHeader("If-None-Match", etag).send());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        HttpResponse<Buffer> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.bodyAsString()).contains("# TYPE headroom_memory_available_bytes gauge")
                .contains("headroom_gpu_memory_used_bytes{gpu=\"1\"} 8.08452096E8")
                .contains("headroom_model_fits{context=\"8192\",model=\"llama-3-8b\",precision=\"Q4_K_M\"}");
    }

    @Test
    void requestsNeverTriggerAReadingOfTheMachine() throws Exception {
        long before = server.sampler().state().sequence();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(get(i % 2 == 0 ? "/metrics" : "/api/hardware").statusCode()).isEqualTo(200);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long samples = server.sampler().state().sequence() - before;
        // Sampling follows the clock (one per 200 ms interval), not the 100 requests.
        assertThat(samples).isLessThanOrEqualTo(elapsedMillis / 200 + 2);
    }
}
