package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server started with a token: everything but /metrics needs it, as a header or as the page's cookie. */
@ExtendWith(VertxExtension.class)
class BearerTokenTest {
    private static final String TOKEN = "t0ken-for-tests-only";
    private static DashboardServer server;
    private WebClient client;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.config().withToken(TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void client(Vertx vertx) {
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    }

    private HttpResponse<Buffer> get(String path, String authorization) throws Exception {
        var req = client.get(server.port(), "127.0.0.1", path);
        if (authorization != null) {
            req.putHeader("Authorization", authorization);
        }
        return req.send().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void withoutTheTokenEveryRouteButMetricsAnswers401() throws Exception {
        for (String path : new String[] {"/", "/api/hardware", "/api/fit", "/api/estimate?model=gpt-2", "/events", "/nope"}) {
            HttpResponse<Buffer> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.bodyAsJsonObject().getString("error")).contains("authentication required");
        }
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theRightBearerTokenIsAcceptedAndAWrongOneIsNot() throws Exception {
        assertThat(get("/api/fit", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/api/fit", "bearer " + TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> wrong = get("/api/fit", "Bearer " + TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("wrong token");
        assertThat(get("/api/fit", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void openingThePageWithTheTokenSetsAStrictCookieThatAuthorisesTheStream() throws Exception {
        HttpResponse<Buffer> login = get("/?token=" + TOKEN, null);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.getHeader("Location")).isEqualTo("/");
        String cookie = login.cookies().get(0);
        assertThat(cookie).startsWith("headroom_token=" + TOKEN).containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        var withCookie = client.get(server.port(), "127.0.0.1", "/api/hardware").putHeader("Cookie", cookie.split(";")[0]);
        assertThat(withCookie.send().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/api/fit?token=" + TOKEN, null).statusCode()).as("the query token works on / only").isEqualTo(401);
    }

}
