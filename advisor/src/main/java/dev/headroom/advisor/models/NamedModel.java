package dev.headroom.advisor.models;

import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.check.ResolvedModel;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.files.ModelFiles;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import java.util.List;

/**
 * A model as the user named it, after {@link ModelResolver}: a catalog entry, or files on disk (a path, a Hugging
 * Face cache snapshot, an Ollama blob) read exactly.
 *
 * @param reference what the user wrote
 * @param id the catalog id, the Hugging Face repo id, the Ollama name, or the file or folder name
 * @param kind where it was found
 * @param catalogModel the catalog entry (catalog kind only), else null
 * @param files what the files say (local kinds only), else null
 * @param source {@code catalog}, or the absolute path that was read
 */
public record NamedModel(String reference, String id, Kind kind, CatalogModel catalogModel, ModelFiles files, String source) {
    /** Where a model name was found. */
    public enum Kind {
        CATALOG("catalog"), FILE("file"), HUGGING_FACE_CACHE("Hugging Face cache"), OLLAMA("Ollama store");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public NamedModel {
        if (reference == null || id == null || kind == null || source == null) {
            throw new IllegalArgumentException("reference, id, kind and source are required");
        }
        if ((kind == Kind.CATALOG) != (catalogModel != null) || (kind == Kind.CATALOG) == (files != null)) {
            throw new IllegalArgumentException("a catalog model has a catalog entry, a local model its files");
        }
    }

    public boolean local() {
        return kind != Kind.CATALOG;
    }

    /** The shape the engine sizes; a local model's carries the file's exact weight bytes. */
    public ModelArchitecture architecture() {
        return local() ? files.architecture() : catalogModel.architecture();
    }

    public boolean hasArchitecture() {
        return architecture() != null;
    }

    /** The precision the files hold, or null (catalog models, files that do not say). */
    public Precision filePrecision() {
        return local() ? files.precision() : null;
    }

    /**
     * The precision to size: a local file's own (a different requested one is an error naming both), else the
     * requested one, else {@code fallback}.
     *
     * @param requested the precision the user asked for, or null
     * @throws QuantMismatchException when {@code requested} contradicts the file
     */
    public Precision precision(Precision requested, Precision fallback) {
        Precision own = filePrecision();
        if (own != null) {
            if (requested != null && requested != own) {
                throw new QuantMismatchException("quant: " + requested + " contradicts " + reference + ", whose weights are "
                        + own + " (" + describe() + "); leave quant out to size the file as it is, or name a catalog id to size another quantization");
            }
            return own;
        }
        return requested != null ? requested : fallback;
    }

    /** The fit policy for this model: a local file is tried at its own precision only (its bytes are what it is). */
    public FitPolicy policy(FitPolicy policy) {
        Precision own = filePrecision();
        return own == null ? policy : new FitPolicy(List.of(own), policy.minDecodeTokensPerSecond());
    }

    /**
     * The model as a catalog entry, for tables that list entries: the catalog's own, or for a local model an entry of
     * category {@code local} with the file's exact parameter count, architecture and path as its source.
     */
    public CatalogModel entry() {
        if (!local()) {
            return catalogModel;
        }
        ModelArchitecture a = architecture();
        return new CatalogModel(id, files.name(), a == null ? "" : a.family().name().toLowerCase(java.util.Locale.ROOT),
                List.of("llm"), List.of(), "local", List.of(), files.parameters() > 0 ? files.parameters() : CatalogModel.UNKNOWN,
                a, "", true, List.of(), List.of(kind.label() + " " + source));
    }

    /** The model as {@code check} reports it. */
    public ResolvedModel resolved() {
        if (!hasArchitecture()) {
            throw new IllegalArgumentException("'" + reference + "' has no transformer architecture to size");
        }
        return new ResolvedModel(reference, id, architecture(), local() ? source : "catalog", filePrecision());
    }

    /** One line: what it is and where it was found ({@code gguf, 4.58 GiB of tensors, Ollama store /x/blobs/sha256-...}). */
    public String describe() {
        if (!local()) {
            return "catalog " + catalogModel.id();
        }
        return files.format() + " " + dev.headroom.sizing.units.ByteUnits.formatIec(files.tensorBytes()) + " of tensors, "
                + kind.label() + " " + source;
    }
}
