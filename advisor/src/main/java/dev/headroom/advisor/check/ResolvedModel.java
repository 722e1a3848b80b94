package dev.headroom.advisor.check;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;

/**
 * A requirement's {@code model:} after lookup.
 *
 * @param reference what the file says (catalog id, alias or path)
 * @param id the catalog id, or the file or folder name of a local model
 * @param architecture the transformer shape the engine sizes
 * @param source {@code catalog} or the absolute path that was read
 * @param filePrecision the precision a local file holds (its architecture then carries the file's exact bytes), or
 *     null for catalog models and files that do not say: a requirement's {@code quant:} must then match it
 */
public record ResolvedModel(String reference, String id, ModelArchitecture architecture, String source, Precision filePrecision) {
    public ResolvedModel {
        if (reference == null || id == null || architecture == null || source == null) {
            throw new IllegalArgumentException("reference, id, architecture and source are required");
        }
    }

    /** A model whose precision is the requirement's choice (catalog models). */
    public ResolvedModel(String reference, String id, ModelArchitecture architecture, String source) {
        this(reference, id, architecture, source, null);
    }
}
