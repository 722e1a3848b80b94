package dev.headroom.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** One compact JSON mapper and the shape of every error: {@code {"status", "error", "parameter"?}}. */
public final class JsonResponses {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String JSON = "application/json; charset=utf-8";

    private JsonResponses() {
    }

    public static byte[] bytes(Object node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of a tree node cannot fail", e);
        }
    }

    public static void send(RoutingContext ctx, Object node) {
        ctx.response().putHeader("Content-Type", JSON).end(Buffer.buffer(bytes(node)));
    }

    /**
     * An error response.
     *
     * @param parameter the request parameter at fault, or null
     */
    public static void error(RoutingContext ctx, int status, String parameter, String message) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.headWritten()) {
            return;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("status", status);
        n.put("error", message);
        if (parameter != null) {
            n.put("parameter", parameter);
        }
        r.setStatusCode(status).putHeader("Content-Type", JSON).putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(bytes(n)));
    }
}
