package dev.headroom.dashboard.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's files, loaded from the class path once at start-up and served from memory by exact path.
 * There is no file-system or path-based lookup at request time, so no request can read another file.
 * A strict Content-Security-Policy ({@code 'self'} only) keeps the page from loading anything from elsewhere.
 */
public final class StaticAssets {
    /** URL path → resource name under {@code dev/headroom/dashboard/web/} and content type. */
    static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/assets/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/assets/app.css", new String[] {"app.css", "text/css; charset=utf-8"},
            "/assets/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private record Asset(Buffer body, String type, String etag) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    public StaticAssets() {
        for (Map.Entry<String, String[]> e : FILES.entrySet()) {
            byte[] bytes = load(e.getValue()[0]);
            assets.put(e.getKey(), new Asset(Buffer.buffer(bytes), e.getValue()[1], etag(bytes)));
        }
    }

    public Iterable<String> paths() {
        return assets.keySet();
    }

    public void serve(RoutingContext ctx) {
        Asset a = assets.get(ctx.normalizedPath());
        if (a == null) {
            ctx.next();
            return;
        }
        var r = ctx.response();
        r.putHeader("ETag", a.etag()).putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Security-Policy", CSP).putHeader("Referrer-Policy", "no-referrer");
        if (a.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            r.setStatusCode(304).end();
            return;
        }
        r.putHeader("Content-Type", a.type()).end(a.body());
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/dev/headroom/dashboard/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page asset missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
