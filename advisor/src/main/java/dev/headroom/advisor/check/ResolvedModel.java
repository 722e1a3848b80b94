package dev.headroom.advisor.check;

import dev.headroom.sizing.model.ModelArchitecture;

/**
 * A requirement's {@code model:} after lookup.
 *
 * @param reference what the file says (catalog id, alias or path)
 * @param id the catalog id, or the file or folder name of a local model
 * @param architecture the transformer shape the engine sizes
 * @param source {@code catalog} or the absolute path that was read
 */
public record ResolvedModel(String reference, String id, ModelArchitecture architecture, String source) {
    public ResolvedModel {
        if (reference == null || id == null || architecture == null || source == null) {
            throw new IllegalArgumentException("reference, id, architecture and source are required");
        }
    }
}
