package dev.headroom.dashboard.http;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires the configured token on every route it guards ({@code /metrics} is not guarded, so that
 * Prometheus scrapes without credentials). API clients send {@code Authorization: Bearer <token>}. A
 * browser cannot add headers to an {@code EventSource}, so opening {@code /?token=<token>} once sets an
 * HttpOnly, SameSite=Strict cookie and redirects to {@code /}; later requests carry the cookie.
 * Tokens are compared in constant time.
 */
public final class BearerAuth implements Handler<RoutingContext> {
    static final String COOKIE = "headroom_token";
    private final byte[] token;

    public BearerAuth(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("token: missing");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && matches(header.substring(7).trim())) {
            ctx.next();
            return;
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie != null && matches(cookie.getValue())) {
            ctx.next();
            return;
        }
        String query = ctx.request().getParam("token");
        if ("/".equals(ctx.normalizedPath()) && query != null && matches(query)) {
            ctx.response().addCookie(Cookie.cookie(COOKIE, query).setHttpOnly(true).setPath("/")
                    .setSameSite(CookieSameSite.STRICT));
            ctx.response().setStatusCode(303).putHeader("Location", "/").putHeader("Cache-Control", "no-store").end();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"headroom\"");
        JsonResponses.error(ctx, 401, null, header == null && cookie == null && query == null
                ? "authentication required: send 'Authorization: Bearer <token>' or open /?token=<token> once"
                : "wrong token");
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
