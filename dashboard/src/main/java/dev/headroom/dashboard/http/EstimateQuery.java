package dev.headroom.dashboard.http;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;

/**
 * The parameters of {@code /api/estimate}, checked one by one; each problem is a {@link BadParameterException}
 * naming the parameter.
 *
 * @param model the catalog model
 * @param request what to size
 * @param device accelerators to answer for instead of this machine's ({@code RTX 4090}, {@code 2x A100 80GB}), or null
 */
public record EstimateQuery(CatalogModel model, DeploymentRequest request, String device) {
    public static final Set<String> PARAMETERS = Set.of("model", "quant", "context", "batch", "runtime", "device");
    public static final Precision DEFAULT_PRECISION = Precision.Q4_K_M;
    public static final long DEFAULT_CONTEXT = 4096;
    /** Sequences served at once through the API: beyond 1024 the sizes stop meaning anything for one machine. */
    public static final int MAX_BATCH = 1024;
    /** Longest accepted parameter value; catalog ids are far shorter. */
    static final int MAX_VALUE_LENGTH = 200;

    public EstimateQuery {
        if (model == null || request == null) {
            throw new IllegalArgumentException("model and request are required");
        }
    }

    public static EstimateQuery parse(MultiMap params, ModelCatalog catalog) {
        for (String name : params.names()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadParameterException(name, "unknown parameter '" + clip(name) + "'; valid: model, quant, context, batch, runtime, device");
            }
        }
        String modelText = single(params, "model");
        if (modelText == null || modelText.isBlank()) {
            throw new BadParameterException("model", "model: missing; e.g. model=llama-3-8b (GET /api/catalog lists them)");
        }
        CatalogModel model;
        try {
            model = catalog.get(modelText);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("model", e.getMessage());
        }
        if (!model.hasArchitecture()) {
            throw new BadParameterException("model", "model: '" + model.id() + "' has no architecture in the catalog, so it cannot be sized");
        }
        String quantText = single(params, "quant");
        Precision precision;
        try {
            precision = quantText == null ? DEFAULT_PRECISION : Precision.parse(quantText);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("quant", e.getMessage());
        }
        long context = whole(params, "context", Math.min(DEFAULT_CONTEXT, model.architecture().maxContext()),
                DeploymentRequest.MAX_CONTEXT);
        int batch = (int) whole(params, "batch", 1, MAX_BATCH);
        String runtimeText = single(params, "runtime");
        RuntimeProfile runtime;
        try {
            runtime = runtimeText == null ? RuntimeProfile.LLAMA_CPP : RuntimeProfile.parse(runtimeText);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("runtime", e.getMessage());
        }
        String device = single(params, "device");
        if (device != null && device.isBlank()) {
            throw new BadParameterException("device", "device: empty; e.g. device=RTX 4090 or device=2x A100 80GB");
        }
        return new EstimateQuery(model, new DeploymentRequest(model.architecture(), precision, context, batch, GgmlType.F16, runtime), device);
    }

    private static String single(MultiMap params, String name) {
        List<String> all = params.getAll(name);
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() > 1) {
            throw new BadParameterException(name, name + ": given " + all.size() + " times; give it once");
        }
        String v = all.get(0);
        if (v.length() > MAX_VALUE_LENGTH) {
            throw new BadParameterException(name, name + ": longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return v;
    }

    private static long whole(MultiMap params, String name, long fallback, long max) {
        String text = single(params, name);
        if (text == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, name + ": not a whole number: '" + clip(text) + "'");
        }
        if (v < 1 || v > max) {
            throw new BadParameterException(name, name + ": must be within 1.." + max + ", was " + v);
        }
        return v;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
