package dev.headroom.dashboard.http;

import dev.headroom.dashboard.live.LiveAdvisor;
import dev.headroom.dashboard.live.LiveSampler;
import dev.headroom.dashboard.live.LiveState;
import dev.headroom.dashboard.metrics.HeadroomMetrics;
import dev.headroom.sizing.Estimate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Assembles the router: {@code /metrics} (never behind the token), the token check, the JSON API,
 * {@code /events}, the page, and JSON errors for everything else (400, 401, 404, 405, 413, 500).
 * All handlers read the sampler's latest state; none reads the machine.
 */
public final class ApiRoutes {
    /** Prometheus text exposition format 0.0.4, what Micrometer's {@code scrape()} writes. */
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private record Exposition(byte[] bytes, Buffer body) {
    }

    private final LiveSampler sampler;
    private final LiveAdvisor calculator;
    private final Buffer catalogJson;

    private ApiRoutes(LiveSampler sampler, LiveAdvisor calculator) {
        this.sampler = sampler;
        this.calculator = calculator;
        this.catalogJson = Buffer.buffer(JsonResponses.bytes(JsonViews.catalog(calculator.catalog())));
    }

    /**
     * @param token the bearer token, empty for none
     * @param maxBodyBytes larger request bodies get HTTP 413
     */
    public static Router router(Vertx vertx, String token, int maxBodyBytes, LiveSampler sampler, LiveAdvisor calculator,
                                HeadroomMetrics metrics, EventStream events, StaticAssets assets) {
        ApiRoutes api = new ApiRoutes(sampler, calculator);
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff");
            ctx.next();
        });
        AtomicReference<Exposition> exposition = new AtomicReference<>(new Exposition(null, null));
        router.get("/metrics").handler(ctx -> {
            byte[] bytes = metrics.scrapeBytes();
            Exposition e = exposition.get();
            if (e.bytes() != bytes) {
                // one Buffer per rendering; Vert.x writes a read-only view of it for each response
                e = new Exposition(bytes, Buffer.buffer(bytes));
                exposition.set(e);
            }
            ctx.response().putHeader("Content-Type", METRICS_CONTENT_TYPE).end(e.body());
        });
        if (!token.isEmpty()) {
            router.route().handler(new BearerAuth(token));
        }
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.get("/api/hardware").handler(api::hardware);
        router.get("/api/catalog").handler(api::catalog);
        router.get("/api/estimate").handler(api::estimate);
        router.get("/api/fit").handler(api::fit);
        router.get("/api/plan").handler(api::plan);
        router.get("/events").handler(events::handle);
        for (String path : assets.paths()) {
            router.get(path).handler(assets::serve);
        }
        Set<String> known = new HashSet<>(List.of("/metrics", "/api/hardware", "/api/catalog", "/api/estimate", "/api/fit", "/api/plan", "/events"));
        assets.paths().forEach(known::add);
        router.route().last().handler(ctx -> {
            if (known.contains(ctx.normalizedPath())) {
                ctx.response().putHeader("Allow", "GET");
                JsonResponses.error(ctx, 405, null, "method not allowed: " + ctx.request().method() + " "
                        + ctx.normalizedPath() + "; this server answers GET only");
            } else {
                JsonResponses.error(ctx, 404, null, "no such route: " + ctx.request().method() + " "
                        + clip(ctx.normalizedPath()) + "; see / for the page, /api/... for JSON, /metrics for Prometheus");
            }
        });
        router.errorHandler(404, ctx -> JsonResponses.error(ctx, 404, null, "no such route: " + clip(ctx.normalizedPath())));
        router.errorHandler(405, ctx -> JsonResponses.error(ctx, 405, null, "method not allowed: "
                + ctx.request().method() + " " + clip(ctx.normalizedPath()) + "; this server answers GET only"));
        router.errorHandler(413, ctx -> JsonResponses.error(ctx, 413, null, "request body larger than " + maxBodyBytes + " bytes"));
        router.errorHandler(500, ctx -> JsonResponses.error(ctx, 500, null, "internal error: "
                + (ctx.failure() == null ? "unknown" : ctx.failure().getClass().getSimpleName())));
        return router;
    }

    private void hardware(RoutingContext ctx) {
        LiveState s = sampler.state();
        noStore(ctx);
        JsonResponses.send(ctx, JsonViews.hardware(calculator.startupProfile(), s.sample()));
    }

    private void catalog(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", JsonResponses.JSON).end(catalogJson);
    }

    private void fit(RoutingContext ctx) {
        LiveState s = sampler.state();
        noStore(ctx);
        JsonResponses.send(ctx, JsonViews.fit(s.fit(), s.fitVersion(), s.machine().calibrationLabel()));
    }

    private void estimate(RoutingContext ctx) {
        EstimateQuery q;
        try {
            q = EstimateQuery.parse(ctx.queryParams(), calculator.catalog());
        } catch (BadParameterException e) {
            JsonResponses.error(ctx, 400, e.parameter(), e.getMessage());
            return;
        }
        LiveState s = sampler.state();
        Estimate e;
        dev.headroom.advisor.Machine machine;
        try {
            machine = q.device() == null ? s.machine() : calculator.described(q.device());
        } catch (IllegalArgumentException bad) {
            JsonResponses.error(ctx, 400, "device", bad.getMessage());
            return;
        }
        try {
            e = calculator.estimate(machine, q.request());
        } catch (ArithmeticException overflow) {
            JsonResponses.error(ctx, 400, "context", "context: " + q.request().contextTokens() + " tokens x batch "
                    + q.request().sequences() + " is too large to size");
            return;
        } catch (IllegalArgumentException bad) {
            JsonResponses.error(ctx, 400, null, bad.getMessage());
            return;
        }
        noStore(ctx);
        JsonResponses.send(ctx, JsonViews.estimate(q.model(), e, machine));
    }

    /** Parameters of {@code /api/plan}, as {@code headroom plan} takes them. */
    static final Set<String> PLAN_PARAMETERS = Set.of("model", "users", "rate", "prompt", "output", "ttft", "tpot", "tokensPerUser",
            "device", "gpus", "gpusPerHost", "price", "quant");

    /**
     * {@code /api/plan}: the serving plan {@code headroom plan} prints, for the same question ({@link dev.headroom.advisor.PlanSpec}),
     * computed off the event loop (a plan simulates each candidate: up to seconds).
     */
    private void plan(RoutingContext ctx) {
        dev.headroom.advisor.PlanSpec spec;
        try {
            io.vertx.core.MultiMap p = ctx.queryParams();
            for (String name : p.names()) {
                if (!PLAN_PARAMETERS.contains(name)) {
                    throw new IllegalArgumentException("unknown parameter '" + clip(name) + "'; valid: " + String.join(", ", new java.util.TreeSet<>(PLAN_PARAMETERS)));
                }
            }
            java.util.List<Integer> gpus = new java.util.ArrayList<>();
            if (p.get("gpus") != null) {
                for (String g : p.get("gpus").split(",")) {
                    gpus.add(Integer.parseInt(g.trim()));
                }
            }
            spec = new dev.headroom.advisor.PlanSpec(p.get("model"), intOrNull(p.get("users")), doubleOrNull(p.get("rate")), p.get("prompt"),
                    p.get("output"), seconds("ttft", p.get("ttft")), seconds("tpot", p.get("tpot")), doubleOrNull(p.get("tokensPerUser")),
                    p.getAll("device"), gpus, p.get("gpusPerHost") == null ? 0 : Integer.parseInt(p.get("gpusPerHost").trim()),
                    doubleOrNull(p.get("price")), p.get("quant") == null ? java.util.List.of() : java.util.List.of(p.get("quant").split(",")));
        } catch (IllegalArgumentException e) {
            JsonResponses.error(ctx, 400, null, e.getMessage().startsWith("For input string") ? "not a number: " + e.getMessage() : e.getMessage());
            return;
        }
        dev.headroom.advisor.PlanSpec question = spec;
        LiveState s = sampler.state();
        ctx.vertx().executeBlocking(() -> dev.headroom.advisor.json.PlanJson.plan(question.model(), question.users(), question.rate(),
                question.promptTokens(), question.outputTokens(), question.targets(),
                question.plan(new dev.headroom.advisor.Planner(calculator.machines()), calculator.catalog(), s.machine()))).onComplete(r -> {
            if (r.succeeded()) {
                noStore(ctx);
                JsonResponses.send(ctx, r.result());
            } else if (r.cause() instanceof IllegalArgumentException bad) {
                JsonResponses.error(ctx, 400, null, bad.getMessage());
            } else {
                ctx.fail(r.cause());
            }
        });
    }

    private static Double seconds(String field, String v) {
        return v == null ? null : dev.headroom.sizing.units.Durations.seconds(field, v);
    }

    private static Integer intOrNull(String v) {
        return v == null ? null : Integer.valueOf(v.trim());
    }

    private static Double doubleOrNull(String v) {
        return v == null ? null : Double.valueOf(v.trim());
    }

    private static void noStore(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
