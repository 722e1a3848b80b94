package dev.headroom.catalog;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import java.util.List;

/**
 * One catalog entry.
 *
 * @param id lowercase kebab-case, family then size ({@code llama-3-8b})
 * @param name display name
 * @param family model family ({@code llama-3})
 * @param domains taxonomy domains of the product brief ({@code llm}, {@code vision}, ...)
 * @param tasks what it does ({@code text-generation}, {@code code-generation}, ...)
 * @param category {@code foundation}, {@code task} or {@code proprietary}
 * @param aliases other names, such as Hugging Face repo ids; matched case-insensitively
 * @param parameters published exact parameter count, or {@link #UNKNOWN} (then computed from the architecture)
 * @param architecture the transformer shape, or null for models without one (API-only, classical ML)
 * @param license license identifier
 * @param hostable whether weights can be run locally (false for API-only models)
 * @param runtimes runtimes known to serve it
 * @param sources where the numbers come from
 * @param details exactness of the count, non-decoder shape, per-input compute, downloads ({@link ModelDetails#NONE} when none)
 */
public record CatalogModel(String id, String name, String family, List<String> domains, List<String> tasks,
                           String category, List<String> aliases, long parameters, ModelArchitecture architecture,
                           String license, boolean hostable, List<String> runtimes, List<String> sources,
                           ModelDetails details) {
    public static final long UNKNOWN = -1L;

    /** An entry without {@link ModelDetails} (the original signature, kept for callers). */
    public CatalogModel(String id, String name, String family, List<String> domains, List<String> tasks,
                        String category, List<String> aliases, long parameters, ModelArchitecture architecture,
                        String license, boolean hostable, List<String> runtimes, List<String> sources) {
        this(id, name, family, domains, tasks, category, aliases, parameters, architecture, license, hostable,
                runtimes, sources, ModelDetails.NONE);
    }

    public CatalogModel {
        details = details == null ? ModelDetails.NONE : details;
        domains = List.copyOf(domains);
        tasks = List.copyOf(tasks);
        aliases = List.copyOf(aliases);
        runtimes = List.copyOf(runtimes);
        sources = List.copyOf(sources);
    }

    public boolean hasArchitecture() {
        return architecture != null;
    }

    /** The published count when there is one, else the count computed from the architecture, else {@link #UNKNOWN}. */
    public long parameterCount() {
        if (parameters != UNKNOWN) {
            return parameters;
        }
        return architecture != null ? ParameterCounter.totalParameters(architecture) : UNKNOWN;
    }
}
