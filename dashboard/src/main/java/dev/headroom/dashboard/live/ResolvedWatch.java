package dev.headroom.dashboard.live;

import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.dashboard.WatchItem;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.workload.WorkloadRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch item with its model looked up by the advisor's {@link ModelResolver} (catalog ids and aliases, paths,
 * Hugging Face cache repos, Ollama models). {@code item} carries the precision sized: a local file's own.
 * A catalog model of another domain ({@link CatalogWorkload#of} is present: vision, speech, encoders such as BERT,
 * diffusion, time series, tabular) is watched as a workload at {@code workload}'s batch and input size.
 *
 * @param workload the batch and input of a model of another domain (the item's options, else batch 1 and the
 *     model's defaults), null for LLMs
 */
public record ResolvedWatch(WatchItem item, NamedModel model, WorkloadRequest workload) {
    public ResolvedWatch {
        if (item == null || model == null || (workload == null ? !model.hasArchitecture() : model.local())) {
            throw new IllegalArgumentException("watch: '" + item + "' needs a model with an architecture or a catalog workload");
        }
    }

    /** An LLM watch item. */
    public ResolvedWatch(WatchItem item, NamedModel model) {
        this(item, model, null);
    }

    /** Whether it is watched as a workload of another domain (items/s, real-time factor) rather than as an LLM. */
    public boolean isWorkload() {
        return workload != null;
    }

    /** The catalog entry of a workload item. */
    public CatalogModel workloadModel() {
        return model.catalogModel();
    }

    /** The {@code batch} label of a workload item's metrics. */
    public String batchLabel() {
        return workload == null ? "" : Integer.toString(workload.batch());
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
                boolean duplicate = out.stream().anyMatch(o -> o.modelId().equals(r.modelId()) && (r.isWorkload()
                        ? o.isWorkload() && o.workload().batch() == r.workload().batch()
                        : !o.isWorkload() && o.item().precision() == r.item().precision() && o.item().contextTokens() == r.item().contextTokens()));
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
        boolean workload = !m.local() && CatalogWorkload.of(m.catalogModel()).isPresent();
        if (workload) {
            if (item.precisionGiven() || item.contextTokens() != 4096) {
                throw new IllegalArgumentException("watch: '" + item.model() + "' is a model of another domain (" + String.join("/", m.catalogModel().domains())
                        + "): precision and context apply to LLMs; watch it as " + item.model() + " or " + item.model() + "::batch=8");
            }
            WorkloadRequest w = item.workload() == null ? WorkloadRequest.cpu(1) : item.workload();
            return new ResolvedWatch(new WatchItem(item.model(), item.precision(), item.contextTokens(), null, w), m, w);
        }
        if (item.workload() != null) {
            throw new IllegalArgumentException("watch: '" + item + "': options after '::' apply to models of other domains; '"
                    + item.model() + "' is an LLM (watch it as model:precision:context)");
        }
        if (!m.hasArchitecture()) {
            throw new IllegalArgumentException("watch: '" + item.model() + "' has no architecture in the catalog, so it cannot be sized");
        }
        Precision p = m.precision(requested, item.precision());
        return new ResolvedWatch(new WatchItem(item.model(), p, item.contextTokens(), item.precisionText()), m);
    }
}
