package dev.headroom.catalog.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.catalog.files.BoundedJson;
import dev.headroom.catalog.files.ModelFileInspector;
import dev.headroom.catalog.files.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An Ollama model store ({@code ~/.ollama/models} or {@code $OLLAMA_MODELS}) read by model name, as
 * {@code ollama run} resolves it: {@code [host/][namespace/]model[:tag]} with host {@code registry.ollama.ai},
 * namespace {@code library} and tag {@code latest} by default ({@code llama3.1:8b} is
 * {@code manifests/registry.ollama.ai/library/llama3.1/8b}). The manifest (OCI image manifest, JSON) lists
 * layers by media type; the weights are the {@code application/vnd.ollama.image.model} layer, a GGUF file
 * stored as {@code blobs/sha256-<hex>}; multimodal models add an {@code application/vnd.ollama.image.projector}
 * layer (the vision projector, also GGUF).
 *
 * <p>Names are checked before they touch the file system: each part is letters, digits, {@code . _ -}
 * (no {@code ..}, no separators), at most {@link #MAX_NAME} characters, so a name cannot leave the store.
 * Manifests are read up to {@link LocalModelScanner#MAX_MANIFEST_BYTES}.
 */
public final class OllamaStore {
    public static final String DEFAULT_HOST = "registry.ollama.ai";
    public static final String DEFAULT_NAMESPACE = "library";
    public static final String DEFAULT_TAG = "latest";
    public static final String MODEL_LAYER = LocalModelScanner.OLLAMA_MODEL_LAYER;
    public static final String PROJECTOR_LAYER = "application/vnd.ollama.image.projector";
    /** Longest model name accepted. */
    public static final int MAX_NAME = 256;
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path models;

    public OllamaStore(Path models) {
        if (models == null) {
            throw new IllegalArgumentException("ollama: store folder missing");
        }
        this.models = models;
    }

    /** The store the environment names ({@code OLLAMA_MODELS}, else {@code ~/.ollama/models}). */
    public static OllamaStore of(ScanEnvironment env) {
        return new OllamaStore(env.ollamaModels());
    }

    public Path folder() {
        return models;
    }

    /**
     * Whether {@code name} has the shape of an Ollama model name with a tag or namespace ({@code qwen3:8b},
     * {@code hf.co/org/repo:Q4_K_M}); a bare word like {@code mistral} also is one, so callers try catalog ids first.
     */
    public static boolean looksLikeName(String name) {
        try {
            parts(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The manifest path of a name, relative to {@code manifests/}: host, namespace(s), model, tag. */
    static List<String> parts(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("ollama: model name must be 1.." + MAX_NAME + " characters");
        }
        String n = name.trim();
        String tag = DEFAULT_TAG;
        int colon = n.lastIndexOf(':');
        if (colon > n.lastIndexOf('/')) {
            tag = n.substring(colon + 1);
            n = n.substring(0, colon);
        }
        List<String> path = new ArrayList<>(List.of(n.split("/", -1)));
        if (path.size() == 1) {
            path.add(0, DEFAULT_NAMESPACE);
        }
        if (path.size() == 2 && !path.get(0).contains(".")) {
            path.add(0, DEFAULT_HOST); // "user/model": a namespace on the default registry
        } else if (path.size() == 2) {
            throw new IllegalArgumentException("ollama: '" + name + "' names a host without a model");
        }
        if (path.size() > 5) {
            throw new IllegalArgumentException("ollama: '" + name + "' has more parts than host/namespace/model");
        }
        path.add(tag);
        for (String p : path) {
            if (!PART.matcher(p).matches() || p.contains("..")) {
                throw new IllegalArgumentException("ollama: '" + name + "' is not a model name (part '" + p + "')");
            }
        }
        return path;
    }

    /** The manifest of an installed model, if any. */
    public Optional<Path> manifest(String name) {
        Path m = models.resolve("manifests");
        for (String p : parts(name)) {
            m = m.resolve(p);
        }
        if (!m.normalize().startsWith(models.resolve("manifests").normalize())) {
            throw new IllegalArgumentException("ollama: '" + name + "' leaves the store");
        }
        return Files.isRegularFile(m) ? Optional.of(m) : Optional.empty();
    }

    /**
     * The GGUF blob holding a model's weights.
     *
     * @throws IllegalArgumentException naming the store and the installed models when there is no such model, or
     *     what is wrong with its manifest
     */
    public Path modelBlob(String name) {
        Path m = manifest(name).orElseThrow(() -> new IllegalArgumentException("ollama: no model '" + name + "' in "
                + models + installedHint()));
        return layer(models, m, MODEL_LAYER).orElseThrow(() -> new IllegalArgumentException(m + ": no layer of media type " + MODEL_LAYER));
    }

    /** The vision projector blob of a multimodal model, if its manifest has one. */
    public Optional<Path> projectorBlob(String name) {
        return manifest(name).flatMap(m -> layer(models, m, PROJECTOR_LAYER));
    }

    /** A model's weights read exactly from its blob (the GGUF header and tensor table). */
    public ModelFiles read(String name) {
        return ModelFileInspector.gguf(modelBlob(name));
    }

    /** Every installed model's name, library models without host and namespace ({@code llama3.1:8b}). */
    public List<String> names() {
        Path manifests = models.resolve("manifests");
        if (!Files.isDirectory(manifests)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(manifests, 5)) {
            return s.filter(Files::isRegularFile).limit(LocalModelScanner.MAX_ENTRIES).sorted()
                    .map(p -> LocalModelScanner.ollamaName(manifests.relativize(p))).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("ollama: cannot list " + manifests + ": " + e.getMessage());
        }
    }

    /** The blob of the first layer of a media type in a manifest. */
    static Optional<Path> layer(Path models, Path manifest, String mediaType) {
        byte[] bytes = dev.headroom.catalog.files.BoundedFiles.readAll(manifest, LocalModelScanner.MAX_MANIFEST_BYTES, "manifest");
        JsonNode root = BoundedJson.parse(bytes, manifest.toString());
        for (JsonNode layer : root.path("layers")) {
            if (mediaType.equals(layer.path("mediaType").asText())) {
                String digest = layer.path("digest").asText();
                if (!digest.matches("sha256:[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(manifest + ": layer digest '" + digest + "' is not sha256:<64 hex>");
                }
                Path blob = models.resolve("blobs").resolve(digest.replace(':', '-'));
                if (!Files.isRegularFile(blob)) {
                    throw new IllegalArgumentException(manifest + ": blob " + blob.getFileName() + " is missing");
                }
                return Optional.of(blob);
            }
        }
        return Optional.empty();
    }

    private String installedHint() {
        List<String> names;
        try {
            names = names();
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (names.isEmpty()) {
            return " (no models installed)";
        }
        return "; installed: " + String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? ", ... (" + names.size() + ")" : "");
    }
}
