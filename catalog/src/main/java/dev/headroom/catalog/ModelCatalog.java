package dev.headroom.catalog;

import dev.headroom.sizing.quant.Names;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The models headroom knows, looked up by id or alias, case-insensitively. */
public final class ModelCatalog {
    /** Bundled catalog files, in load order (one schema, one file per group of domains). */
    static final List<String> BUNDLED = List.of("models-llm.json", "models-llm-more.json", "models-api.json",
            "models-nlp.json", "models-vision.json", "models-audio.json", "models-embeddings-multimodal.json",
            "models-timeseries-tabular.json", "models-generative.json", "models-llm-2026.json");

    private final Map<String, CatalogModel> byId = new LinkedHashMap<>();
    private final Map<String, CatalogModel> byKey = new LinkedHashMap<>();

    public ModelCatalog(Collection<CatalogModel> models) {
        List<String> problems = new ArrayList<>();
        for (CatalogModel m : models) {
            if (byId.putIfAbsent(m.id(), m) != null) {
                problems.add("duplicate id '" + m.id() + "'");
            }
        }
        for (CatalogModel m : models) {
            index(m.id(), m, problems);
            for (String alias : m.aliases()) {
                index(alias, m, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
    }

    /** The catalog bundled with headroom (parsed once per JVM: it is immutable). */
    public static ModelCatalog bundled() {
        return BundledHolder.CATALOG;
    }

    /** Lazy, thread-safe holder: the resources are read on first use only. */
    private static final class BundledHolder {
        static final ModelCatalog CATALOG = new ModelCatalog(bundledModels());
    }

    static List<CatalogModel> bundledModels() {
        List<CatalogModel> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String file : BUNDLED) {
            try (InputStream in = ModelCatalog.class.getResourceAsStream(file)) {
                if (in == null) {
                    problems.add(file + ": bundled resource missing");
                    continue;
                }
                all.addAll(ModelCatalogReader.read(file, in));
            } catch (IOException e) {
                problems.add(file + ": " + e.getMessage());
            } catch (CatalogException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return all;
    }

    /**
     * This catalog with {@code overlay} on top: an entry with a known id replaces that model, a new id is
     * added. Alias clashes between the result's models are reported together.
     */
    public ModelCatalog overlay(Collection<CatalogModel> overlay) {
        Map<String, CatalogModel> merged = new LinkedHashMap<>(byId);
        for (CatalogModel m : overlay) {
            merged.put(m.id(), m);
        }
        return new ModelCatalog(merged.values());
    }

    public List<CatalogModel> all() {
        return List.copyOf(byId.values());
    }

    /** Models in a domain (any when null) that do a task (any when null). */
    public List<CatalogModel> filter(String domain, String task) {
        return byId.values().stream()
                .filter(m -> domain == null || m.domains().contains(domain.toLowerCase(Locale.ROOT)))
                .filter(m -> task == null || m.tasks().contains(task.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /**
     * Models whose id, name, family, alias, domain or task contains every word of the query
     * (case-insensitive), exact id or alias matches first.
     */
    public List<CatalogModel> search(String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        String[] words = q.split("\\s+");
        List<CatalogModel> exact = new ArrayList<>();
        List<CatalogModel> partial = new ArrayList<>();
        for (CatalogModel m : byId.values()) {
            String hay = String.join(" ", m.id(), m.name(), m.family(), String.join(" ", m.aliases()),
                    String.join(" ", m.domains()), String.join(" ", m.tasks())).toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                all &= hay.contains(w);
            }
            if (byKey.get(q) == m) {
                exact.add(m);
            } else if (all) {
                partial.add(m);
            }
        }
        exact.addAll(partial);
        return exact;
    }

    /**
     * The model with this id or alias.
     *
     * @throws IllegalArgumentException naming the nearest known id when there is none
     */
    public CatalogModel get(String idOrAlias) {
        CatalogModel m = idOrAlias == null ? null : byKey.get(idOrAlias.trim().toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("model: unknown '" + idOrAlias + "'; did you mean "
                    + Names.nearest(String.valueOf(idOrAlias), byId.keySet()) + "? ('headroom catalog list' shows all)");
        }
        return m;
    }

    public boolean contains(String idOrAlias) {
        return idOrAlias != null && byKey.containsKey(idOrAlias.trim().toLowerCase(Locale.ROOT));
    }

    private void index(String key, CatalogModel m, List<String> problems) {
        CatalogModel previous = byKey.putIfAbsent(key.toLowerCase(Locale.ROOT), m);
        if (previous != null && previous != m) {
            problems.add("name '" + key + "' of '" + m.id() + "' already names '" + previous.id() + "'");
        }
    }
}
