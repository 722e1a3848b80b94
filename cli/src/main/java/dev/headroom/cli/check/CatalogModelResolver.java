package dev.headroom.cli.check;

import dev.headroom.advisor.check.ResolvedModel;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.scan.ScanEnvironment;
import java.nio.file.Path;

/**
 * {@code check}'s view of the advisor's {@link dev.headroom.advisor.models.ModelResolver}: catalog ids and
 * aliases, paths (relative to the requirements file), Hugging Face cache repos and Ollama models, each a
 * {@link ResolvedModel} with the file's precision when the model is a local file. A catalog model of another domain
 * (vision, speech, encoders such as BERT, diffusion, time series, tabular: {@link CatalogWorkload#of} is present)
 * resolves to a workload model, sized in its domain's unit rather than as an LLM.
 */
public final class CatalogModelResolver implements ModelResolver {
    private final dev.headroom.advisor.models.ModelResolver names;

    public CatalogModelResolver(dev.headroom.advisor.models.ModelResolver names) {
        this.names = names;
    }

    /** A catalog, with this process's Hugging Face cache and Ollama store. */
    public CatalogModelResolver(ModelCatalog catalog) {
        this(new dev.headroom.advisor.models.ModelResolver(catalog, ScanEnvironment.current()));
    }

    /** The bundled and user catalogs, this process's caches. */
    public static CatalogModelResolver bundled() {
        return new CatalogModelResolver(dev.headroom.advisor.models.ModelResolver.installed());
    }

    @Override
    public ResolvedModel resolve(String reference, Path baseDirectory) {
        NamedModel m = names.resolve(reference, baseDirectory);
        if (!m.local()) {
            CatalogModel c = m.catalogModel();
            if (CatalogWorkload.of(c).isPresent()) {
                return ResolvedModel.workload(m.reference(), c);
            }
            if (!c.hasArchitecture() || !c.hostable()) {
                throw new IllegalArgumentException("'" + m.reference() + "' (" + c.id() + ") cannot be hosted locally, so it has no memory to check");
            }
        }
        return m.resolved();
    }
}
