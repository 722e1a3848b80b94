package dev.headroom.dashboard.http;

import dev.headroom.dashboard.live.LiveSampler;
import dev.headroom.dashboard.live.LiveState;
import dev.headroom.dashboard.live.SampleListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /events}: the server-sent event hub. Each sample is serialised once and written to every open
 * stream on that stream's own event loop. A stream whose client reads too slowly (full write queue) skips
 * samples instead of buffering them, so memory stays flat however many clients there are; at most
 * {@code maxClients} streams are open at once, later ones get HTTP 503.
 *
 * <p>Events: {@code history} (recent samples, once on connect), {@code sample} (every interval),
 * {@code fit} (on connect and whenever the "what fits now" table was recomputed).
 */
public final class EventStream implements SampleListener {
    /** The reconnection delay the browser's EventSource uses after the stream ends. */
    static final int RETRY_MILLIS = 3000;
    /** About 64 samples of one GPU-less host: a client further behind than this skips samples. */
    static final int WRITE_QUEUE_MAX_BYTES = 64 * 1024;

    private record Client(HttpServerResponse response, Context context) {
    }

    private final LiveSampler sampler;
    private final int maxClients;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private volatile long lastFitVersion;
    private volatile boolean closed;

    public EventStream(LiveSampler sampler, int maxClients) {
        this.sampler = sampler;
        this.maxClients = maxClients;
    }

    public int clientCount() {
        return clients.size();
    }

    public void handle(RoutingContext ctx) {
        if (closed) {
            JsonResponses.error(ctx, 503, null, "server is shutting down");
            return;
        }
        if (clients.size() >= maxClients) {
            ctx.response().putHeader("Retry-After", "10");
            JsonResponses.error(ctx, 503, null, "too many event streams open (limit " + maxClients + "); retry later");
            return;
        }
        HttpServerResponse r = ctx.response();
        r.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        r.setWriteQueueMaxSize(WRITE_QUEUE_MAX_BYTES);
        Client client = new Client(r, Vertx.currentContext());
        clients.add(client);
        r.closeHandler(v -> clients.remove(client));
        r.exceptionHandler(e -> clients.remove(client));
        LiveState now = sampler.state();
        StringBuilder first = new StringBuilder();
        first.append("retry: ").append(RETRY_MILLIS).append("\n\n");
        first.append(event("history", JsonViews.history(sampler.history())));
        first.append(event("fit", JsonViews.fit(now.fit(), now.fitVersion(), now.machine().calibrationLabel())));
        first.append(event("sample", JsonViews.sample(now.sample())));
        r.write(first.toString());
    }

    @Override
    public void published(LiveState state) {
        if (clients.isEmpty()) {
            lastFitVersion = state.fitVersion();
            return;
        }
        String text = event("sample", JsonViews.sample(state.sample()));
        if (state.fitVersion() != lastFitVersion) {
            lastFitVersion = state.fitVersion();
            text += event("fit", JsonViews.fit(state.fit(), state.fitVersion(), state.machine().calibrationLabel()));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Client c : clients) {
            c.context().runOnContext(v -> {
                HttpServerResponse r = c.response();
                if (!r.ended() && !r.closed() && !r.writeQueueFull()) {
                    r.write(Buffer.buffer(bytes));
                }
            });
        }
    }

    /** Ends every stream (clients see the end of the response) and refuses new ones. */
    public Future<Void> closeAll() {
        closed = true;
        List<Future<Void>> ended = new ArrayList<>();
        for (Client c : clients) {
            Promise<Void> p = Promise.promise();
            c.context().runOnContext(v -> {
                HttpServerResponse r = c.response();
                if (r.ended() || r.closed()) {
                    p.tryComplete();
                } else {
                    r.end().onComplete(x -> p.tryComplete());
                }
            });
            ended.add(p.future());
        }
        clients.clear();
        return Future.join(ended).mapEmpty();
    }

    static String event(String name, Object json) {
        return "event: " + name + "\ndata: " + new String(JsonResponses.bytes(json), StandardCharsets.UTF_8) + "\n\n";
    }
}
