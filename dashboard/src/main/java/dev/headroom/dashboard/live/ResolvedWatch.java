package dev.headroom.dashboard.live;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.dashboard.WatchItem;
import java.util.ArrayList;
import java.util.List;

/** A watch item with its catalog model looked up. */
public record ResolvedWatch(WatchItem item, CatalogModel model) {
    public ResolvedWatch {
        if (item == null || model == null || !model.hasArchitecture()) {
            throw new IllegalArgumentException("watch: '" + item + "' needs a catalog model with an architecture");
        }
    }

    /** The catalog id, the {@code model} label of its metrics (aliases collapse to one series). */
    public String modelId() {
        return model.id();
    }

    /**
     * Looks every item up.
     *
     * @param strict true for a user's list: any unknown model is an error naming it; false for the
     *               built-in default list: unknown models are skipped and reported in {@code warnings}
     * @throws IllegalArgumentException in strict mode, naming every unknown model at once
     */
    public static List<ResolvedWatch> resolve(List<WatchItem> items, ModelCatalog catalog, boolean strict,
                                              List<String> warnings) {
        List<ResolvedWatch> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (WatchItem item : items) {
            try {
                CatalogModel m = catalog.get(item.model());
                if (!m.hasArchitecture()) {
                    problems.add("watch: '" + item.model() + "' has no architecture in the catalog, so it cannot be sized");
                    continue;
                }
                ResolvedWatch r = new ResolvedWatch(item, m);
                boolean duplicate = out.stream().anyMatch(o -> o.modelId().equals(r.modelId())
                        && o.item().precision() == item.precision() && o.item().contextTokens() == item.contextTokens());
                if (!duplicate) {
                    out.add(r);
                }
            } catch (IllegalArgumentException e) {
                problems.add("watch: " + e.getMessage());
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
}
