package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /events} on a real server: events arrive, parse, keep coming, and the client limit holds. */
@ExtendWith(VertxExtension.class)
class EventStreamTest {
    private DashboardServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Future<HttpClientResponse> open(HttpClient http, int port) {
        return http.request(HttpMethod.GET, port, "127.0.0.1", "/events").compose(req -> req.send());
    }

    @Test
    void aClientReceivesHistoryFitAndASampleEveryInterval(Vertx vertx, VertxTestContext ctx) {
        server = TestServers.start(TestServers.config());
        SseParser sse = new SseParser();
        HttpClient http = vertx.createHttpClient();
        open(http, server.port()).onComplete(ctx.succeeding(resp -> {
            ctx.verify(() -> {
                assertThat(resp.statusCode()).isEqualTo(200);
                assertThat(resp.getHeader("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
            });
            resp.handler(chunk -> {
                sse.feed(chunk.toString());
                if (sse.named("sample").size() >= 3) {
                    ctx.verify(() -> {
                        assertThat(sse.retryMillis()).isEqualTo(3000);
                        assertThat(sse.events().get(0).name()).isEqualTo("history");
                        JsonObject history = new JsonObject(sse.events().get(0).data());
                        assertThat(history.getJsonArray("samples")).isNotEmpty();
                        JsonObject fit = new JsonObject(sse.named("fit").get(0).data());
                        assertThat(fit.getJsonArray("models")).isNotEmpty();
                        List<Long> times = new ArrayList<>();
                        for (SseParser.Event e : sse.named("sample")) {
                            JsonObject s = new JsonObject(e.data());
                            times.add(s.getLong("t"));
                            assertThat(s.getDouble("cpu")).isBetween(0.0, 1.0);
                            assertThat(s.getJsonObject("memory").getLong("totalBytes")).isPositive();
                            assertThat(s.getJsonArray("gpus")).hasSize(2);
                        }
                        assertThat(times).as("each sample is newer than the last").isSorted().doesNotHaveDuplicates();
                    });
                    http.close();
                    ctx.completeNow();
                }
            });
        }));
    }

    @Test
    void beyondTheClientLimitStreamsAreRefusedWith503UntilOneCloses(Vertx vertx, VertxTestContext ctx) throws Exception {
        server = TestServers.start(TestServers.config().withMaxEventClients(2));
        HttpClient first = vertx.createHttpClient();
        HttpClient second = vertx.createHttpClient();
        HttpClient third = vertx.createHttpClient();
        await(open(first, server.port()));
        await(open(second, server.port()));
        HttpClientResponse[] refused = new HttpClientResponse[1];
        JsonObject body = await(open(third, server.port()).compose(r -> {
            refused[0] = r;
            return r.body();
        })).toJsonObject();
        assertThat(refused[0].statusCode()).isEqualTo(503);
        assertThat(refused[0].getHeader("Retry-After")).isEqualTo("10");
        assertThat(body.getString("error")).contains("limit 2");
        assertThat(server.eventClients()).isEqualTo(2);

        await(first.close());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.eventClients() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.eventClients()).as("a closed stream frees its slot").isEqualTo(1);
        HttpClientResponse admitted = await(open(third, server.port()));
        assertThat(admitted.statusCode()).isEqualTo(200);
        ctx.completeNow();
    }

    @Test
    void closingTheServerEndsOpenStreams(Vertx vertx, VertxTestContext ctx) throws Exception {
        server = TestServers.start(TestServers.config());
        HttpClientResponse resp = await(open(vertx.createHttpClient(), server.port()));
        // The stream must end when the server closes: cleanly, or with the client's connection closed under it ("Pool
        // closed" / "Connection was closed", depending on which side notices first). Never ending fails after 20 s.
        Future<Void> ended = resp.end().otherwiseEmpty();
        server.close();
        await(ended);
        assertThat(server.eventClients()).isZero();
        ctx.completeNow();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
