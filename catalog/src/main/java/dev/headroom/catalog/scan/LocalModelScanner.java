package dev.headroom.catalog.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.catalog.files.BoundedFiles;
import dev.headroom.catalog.files.BoundedJson;
import dev.headroom.catalog.files.ModelFileInspector;
import dev.headroom.catalog.files.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds local models and reads their exact sizes. A model whose files cannot be read is still listed,
 * with the reader's one-line error, so one broken download does not hide the rest.
 */
public final class LocalModelScanner {
    /** Deepest folder level visited below a root. */
    public static final int MAX_DEPTH = 8;
    /** Most directory entries visited per root. */
    public static final int MAX_ENTRIES = 200_000;
    /** Ollama manifests are a few hundred bytes. */
    static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    static final String OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model";

    private final ScanEnvironment env;

    public LocalModelScanner(ScanEnvironment env) {
        this.env = env;
    }

    /** Every model in the default locations (HF cache, Ollama, LM Studio) and in {@code folders}. */
    public List<FoundModel> scan(List<Path> folders, boolean defaultLocations) {
        List<FoundModel> out = new ArrayList<>();
        if (defaultLocations) {
            out.addAll(huggingFace(env.huggingFaceHub()));
            out.addAll(ollama(env.ollamaModels()));
            for (Path p : env.lmStudioModels()) {
                out.addAll(folder(p, "lmstudio"));
            }
        }
        for (Path f : folders) {
            if (!Files.exists(f)) {
                throw new IllegalArgumentException("scan: folder '" + f + "' does not exist");
            }
            out.addAll(folder(f, "folder"));
        }
        return out;
    }

    /** Hugging Face hub cache: {@code models--org--name/snapshots/<revision>/} holds links into {@code blobs/}. */
    public List<FoundModel> huggingFace(Path hub) {
        List<FoundModel> out = new ArrayList<>();
        for (Path repo : children(hub)) {
            String dir = repo.getFileName().toString();
            if (!dir.startsWith("models--") || !Files.isDirectory(repo)) {
                continue;
            }
            String name = dir.substring("models--".length()).replace("--", "/");
            for (Path snapshot : children(repo.resolve("snapshots"))) {
                List<Path> ggufs = filesEnding(snapshot, ".gguf");
                if (!ggufs.isEmpty()) {
                    for (Path g : ggufs) {
                        if (ModelFileInspector.isLaterSplit(g)) {
                            continue;
                        }
                        out.add(read("huggingface", name + "/" + g.getFileName(), g, () -> ModelFileInspector.gguf(g)));
                    }
                } else if (!filesEnding(snapshot, ".safetensors").isEmpty()) {
                    out.add(read("huggingface", name, snapshot, () -> ModelFileInspector.inspect(snapshot)));
                }
            }
        }
        return out;
    }

    /** Ollama: {@code manifests/<host>/<namespace>/<model>/<tag>} name a model layer stored as {@code blobs/sha256-<hex>}. */
    public List<FoundModel> ollama(Path models) {
        List<FoundModel> out = new ArrayList<>();
        Path manifests = models.resolve("manifests");
        if (!Files.isDirectory(manifests)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(manifests, 5)) {
            for (Path m : s.filter(Files::isRegularFile).limit(MAX_ENTRIES).sorted().toList()) {
                Path rel = manifests.relativize(m);
                String name = ollamaName(rel);
                out.add(read("ollama", name, m, () -> ModelFileInspector.gguf(ollamaBlob(models, m))));
            }
        } catch (IOException | UncheckedIOException e) {
            out.add(new FoundModel("ollama", manifests.toString(), manifests.toString(), null, "cannot list: " + e.getMessage()));
        }
        return out;
    }

    static String ollamaName(Path rel) {
        int n = rel.getNameCount();
        if (n < 2) {
            return rel.toString();
        }
        String model = rel.getName(n - 2) + ":" + rel.getName(n - 1);
        boolean library = n == 4 && rel.getName(0).toString().equals("registry.ollama.ai") && rel.getName(1).toString().equals("library");
        return library ? model : rel.subpath(0, n - 2).toString().replace('\\', '/') + "/" + model;
    }

    static Path ollamaBlob(Path models, Path manifest) {
        return OllamaStore.layer(models, manifest, OLLAMA_MODEL_LAYER)
                .orElseThrow(() -> new IllegalArgumentException(manifest + ": no layer of media type " + OLLAMA_MODEL_LAYER));
    }

    /** A folder tree: every {@code .gguf} file, and every directory holding {@code .safetensors} files. */
    public List<FoundModel> folder(Path root, String source) {
        List<FoundModel> out = new ArrayList<>();
        if (!Files.exists(root)) {
            return out;
        }
        if (Files.isRegularFile(root)) {
            out.add(read(source, root.getFileName().toString(), root, () -> ModelFileInspector.inspect(root)));
            return out;
        }
        try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
            List<Path> entries = s.limit(MAX_ENTRIES).sorted().toList();
            for (Path p : entries) {
                String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".gguf") && Files.isRegularFile(p) && !ModelFileInspector.isLaterSplit(p)) {
                    out.add(read(source, root.relativize(p).toString(), p, () -> ModelFileInspector.gguf(p)));
                } else if (Files.isDirectory(p) && !filesEnding(p, ".safetensors").isEmpty()) {
                    String name = p.equals(root) ? String.valueOf(p.getFileName()) : root.relativize(p).toString();
                    out.add(read(source, name, p, () -> ModelFileInspector.inspect(p)));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            out.add(new FoundModel(source, root.toString(), root.toString(), null, "cannot list: " + e.getMessage()));
        }
        return out;
    }

    private static FoundModel read(String source, String name, Path path, Supplier<ModelFiles> reader) {
        try {
            return new FoundModel(source, name, path.toString(), reader.get(), "");
        } catch (IllegalArgumentException | UncheckedIOException | ArithmeticException e) {
            return new FoundModel(source, name, path.toString(), null, e.getMessage());
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.limit(MAX_ENTRIES).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> filesEnding(Path dir, String suffix) {
        return children(dir).stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix) && Files.isRegularFile(p))
                .toList();
    }
}
