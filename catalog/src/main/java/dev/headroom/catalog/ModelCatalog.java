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
    /** Bundled catalog files, in load order. */
    static final List<String> BUNDLED = List.of("models-llm.json");

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

    /** The catalog bundled with headroom. */
    public static ModelCatalog bundled() {
        List<CatalogModel> all = new ArrayList<>();
        for (String file : BUNDLED) {
            try (InputStream in = ModelCatalog.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new CatalogException(List.of(file + ": bundled resource missing"));
                }
                all.addAll(ModelCatalogReader.read(file, in));
            } catch (IOException e) {
                throw new CatalogException(List.of(file + ": " + e.getMessage()));
            }
        }
        return new ModelCatalog(all);
    }

    public List<CatalogModel> all() {
        return List.copyOf(byId.values());
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
