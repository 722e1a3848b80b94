package dev.headroom.advisor.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.Advice;
import dev.headroom.sizing.Estimate;
import java.util.Locale;

/**
 * The one JSON shape of an estimate and of an advice, written by every surface ({@code fit --json},
 * {@code size --json}, {@code check --json}, {@code /api/fit}, {@code /api/estimate}), so that the same
 * question gives the same fields with the same numbers everywhere. Unknown speeds are null, never NaN.
 */
public final class AdviceJson {
    private AdviceJson() {
    }

    /** Precision, placement, bytes (needed + headroom = available) and speeds of one estimate. */
    public static ObjectNode estimate(ObjectNode n, Estimate e) {
        n.put("precision", e.request().precision().displayName());
        n.put("contextTokens", e.request().contextTokens());
        n.put("fits", e.placement().fits());
        n.put("placement", e.placement().label());
        n.put("borderline", e.placement().borderline());
        n.put("neededBytes", e.placement().neededBytes());
        n.put("availableBytes", e.placement().availableBytes());
        n.put("headroomBytes", e.placement().headroomBytes());
        ObjectNode mem = n.putObject("memory");
        mem.put("weightsBytes", e.memory().weightsBytes());
        mem.put("kvCacheBytes", e.memory().kvCacheBytes());
        mem.put("totalBytes", e.memory().totalBytes());
        number(n, "decodeTokensPerSecond", e.speed().decodeTokensPerSecond());
        number(n, "prefillTokensPerSecond", e.speed().prefillTokensPerSecond());
        if (e.ifOverLimit() != null) {
            // A borderline fit shows both sides: where it goes if the need is over the limit after all.
            ObjectNode o = n.putObject("ifOverLimit");
            o.put("fits", e.ifOverLimit().placement().fits());
            o.put("placement", e.ifOverLimit().placement().label());
            o.put("neededBytes", e.ifOverLimit().placement().neededBytes());
            o.put("availableBytes", e.ifOverLimit().placement().availableBytes());
            number(o, "decodeTokensPerSecond", e.ifOverLimit().speed().decodeTokensPerSecond());
            number(o, "prefillTokensPerSecond", e.ifOverLimit().speed().prefillTokensPerSecond());
        }
        return n;
    }

    /** The pick's fields at top level, with the verdict, the reason and the runners-up. */
    public static ObjectNode advice(ObjectNode n, Advice a) {
        n.put("verdict", a.verdict().name().toLowerCase(Locale.ROOT));
        n.put("reason", a.reason());
        estimate(n, a.pick());
        n.put("fits", a.fits());
        if (a.maxQuality() != null) {
            estimate(n.putObject("maxQuality"), a.maxQuality());
            estimate(n.putObject("fastest"), a.fastest());
        } else {
            n.putNull("maxQuality");
            n.putNull("fastest");
        }
        return n;
    }

    /** A number, or null when it is NaN or infinite (JSON has neither). */
    public static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
