package dev.headroom.advisor.check;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;

/**
 * A requirement's {@code model:} after lookup.
 *
 * @param reference what the file says (catalog id, alias or path)
 * @param id the catalog id, or the file or folder name of a local model
 * @param architecture the transformer shape the engine sizes; null for a model of another domain without one
 * @param source {@code catalog} or the absolute path that was read
 * @param filePrecision the precision a local file holds (its architecture then carries the file's exact bytes), or
 *     null for catalog models and files that do not say: a requirement's {@code quant:} must then match it
 * @param workloadModel the catalog entry when the model is not a decoder LLM (vision, speech, encoders, diffusion,
 *     time series, tabular: {@code CatalogWorkload.of} is present), evaluated through {@code Advisor.adviseWorkload};
 *     null for LLMs
 */
public record ResolvedModel(String reference, String id, ModelArchitecture architecture, String source, Precision filePrecision,
                            CatalogModel workloadModel) {
    public ResolvedModel {
        if (reference == null || id == null || source == null || architecture == null && workloadModel == null) {
            throw new IllegalArgumentException("reference, id, source and an architecture or workload model are required");
        }
    }

    /** An LLM, possibly a local file of known precision. */
    public ResolvedModel(String reference, String id, ModelArchitecture architecture, String source, Precision filePrecision) {
        this(reference, id, architecture, source, filePrecision, null);
    }

    /** A catalog model of another domain, sized by its workload model. */
    public static ResolvedModel workload(String reference, CatalogModel model) {
        return new ResolvedModel(reference, model.id(), model.architecture(), "catalog", null, model);
    }

    /** Whether the model is sized by its domain's workload model rather than as an LLM. */
    public boolean workload() {
        return workloadModel != null;
    }

    /** A model whose precision is the requirement's choice (catalog models). */
    public ResolvedModel(String reference, String id, ModelArchitecture architecture, String source) {
        this(reference, id, architecture, source, null);
    }
}
