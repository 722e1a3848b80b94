package dev.headroom.dashboard.live;

import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.dashboard.WatchItem;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch item with its model looked up by the advisor's {@link ModelResolver} (catalog ids and aliases, paths,
 * Hugging Face cache repos, Ollama models). {@code item} carries the precision sized: a local file's own.
 */
public record ResolvedWatch(WatchItem item, NamedModel model) {
    public ResolvedWatch {
        if (item == null || model == null || !model.hasArchitecture()) {
            throw new IllegalArgumentException("watch: '" + item + "' needs a model with an architecture");
        }
    }

    /** The catalog id (aliases collapse to one series), or the local model's name: the {@code model} label of its metrics. */
    public String modelId() {
        return model.id();
    }

    /** Looks every item up in a catalog, with this process's Hugging Face cache and Ollama store. */
    public static List<ResolvedWatch> resolve(List<WatchItem> items, ModelCatalog catalog, boolean strict,
                                              List<String> warnings) {
        return resolve(items, new ModelResolver(catalog, ScanEnvironment.current()), strict, warnings);
    }

    /**
     * Looks every item up.
     *
     * @param strict true for a user's list: any unknown model is an error naming it; false for the
     *               built-in default list: unknown models are skipped and reported in {@code warnings}
     * @throws IllegalArgumentException in strict mode, naming every unknown model at once
     */
    public static List<ResolvedWatch> resolve(List<WatchItem> items, ModelResolver resolver, boolean strict,
                                              List<String> warnings) {
        List<ResolvedWatch> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (WatchItem item : items) {
            try {
                ResolvedWatch r = resolve(item, resolver);
                boolean duplicate = out.stream().anyMatch(o -> o.modelId().equals(r.modelId())
                        && o.item().precision() == r.item().precision() && o.item().contextTokens() == r.item().contextTokens());
                if (!duplicate) {
                    out.add(r);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage().startsWith("watch: ") ? e.getMessage() : "watch: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            if (strict) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            warnings.addAll(problems);
        }
        return List.copyOf(out);
    }

    private static ResolvedWatch resolve(WatchItem item, ModelResolver resolver) {
        NamedModel m;
        Precision requested = item.precisionGiven() ? item.precision() : null;
        try {
            m = resolver.resolve(item.model());
        } catch (IllegalArgumentException e) {
            if (!item.precisionGiven()) {
                throw e;
            }
            // "llama2:q4_0" is an Ollama name whose tag reads like a precision: try the whole name.
            try {
                m = resolver.resolve(item.model() + ":" + item.precisionText());
                requested = null;
            } catch (IllegalArgumentException again) {
                throw e;
            }
        }
        if (!m.hasArchitecture()) {
            throw new IllegalArgumentException("watch: '" + item.model() + "' has no architecture in the catalog, so it cannot be sized");
        }
        Precision p = m.precision(requested, item.precision());
        return new ResolvedWatch(new WatchItem(item.model(), p, item.contextTokens(), item.precisionText()), m);
    }
}
