package dev.headroom.advisor.models;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.UserCatalogs;
import dev.headroom.catalog.files.BoundedFiles;
import dev.headroom.catalog.files.ModelFileInspector;
import dev.headroom.catalog.files.ModelFiles;
import dev.headroom.catalog.scan.OllamaStore;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.sizing.quant.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one place a model name becomes a model, for every surface. In this order:
 * <ol>
 *   <li>{@code ollama:NAME}, {@code hf:ORG/REPO}, {@code file:PATH}: that source only;</li>
 *   <li>a catalog id or alias (bundled and user catalogs; aliases include Hugging Face repo ids and Ollama tags);</li>
 *   <li>an existing path (relative to the base directory; {@code ~/} is the home): a {@code .gguf}, a
 *       {@code .safetensors}, an {@code .onnx} (with a {@code config.json} beside it), a {@code config.json} or a folder of
 *       them, read exactly ({@link ModelFileInspector});</li>
 *   <li>a Hugging Face repo id in the cache ({@code ORG/REPO}, {@code ORG/REPO/FILE.gguf}, {@code ORG/REPO:Q4_K_M}):
 *       {@code models--ORG--REPO/snapshots/<refs/main or newest>/};</li>
 *   <li>an installed Ollama model ({@code llama3.1:8b}, {@code hf.co/org/repo:Q4_K_M}): manifest, then its GGUF blob.</li>
 * </ol>
 * A name found in both the Hugging Face cache and the Ollama store is ambiguous; a name found nowhere is one
 * line with the nearest catalog ids and local models.
 */
public final class ModelResolver {
    private static final Pattern REPO = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)/([A-Za-z0-9][A-Za-z0-9._-]*)(/[^/:]+\\.gguf)?(?::([A-Za-z0-9._-]+))?");
    /** Most bytes read from a {@code refs/main} file (a 40-hex commit id). */
    private static final int MAX_REF_BYTES = 256;

    private final ModelCatalog catalog;
    private final ScanEnvironment env;

    public ModelResolver(ModelCatalog catalog, ScanEnvironment env) {
        if (catalog == null || env == null) {
            throw new IllegalArgumentException("catalog and environment are required");
        }
        this.catalog = catalog;
        this.env = env;
    }

    /** The bundled catalog with the user catalogs of the config directory, and this process's caches. */
    public static ModelResolver installed() {
        return of(ScanEnvironment.current());
    }

    /** The bundled and user catalogs and the caches of {@code env} (its home and variables). */
    public static ModelResolver of(ScanEnvironment env) {
        Path config = UserCatalogs.configDir(env.env(), env.home());
        return new ModelResolver(UserCatalogs.load(UserCatalogs.filesIn(config)), env);
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Resolves against the working directory. */
    public NamedModel resolve(String reference) {
        return resolve(reference, null);
    }

    /**
     * @param baseDirectory where relative paths start (a requirements file's folder), null for the working directory
     * @throws IllegalArgumentException one line naming the reference and what was tried
     */
    public NamedModel resolve(String reference, Path baseDirectory) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("model: missing");
        }
        String ref = reference.trim();
        if (ref.startsWith("ollama:")) {
            return ollama(ref, ref.substring("ollama:".length()))
                    .orElseThrow(() -> new IllegalArgumentException("model: no Ollama model '" + ref.substring(7) + "' in "
                            + env.ollamaModels() + installed(ollamaNames())));
        }
        if (ref.startsWith("hf:")) {
            return huggingFace(ref, ref.substring(3))
                    .orElseThrow(() -> new IllegalArgumentException("model: '" + ref.substring(3) + "' is not in the Hugging Face cache "
                            + env.huggingFaceHub() + installed(cachedRepos())));
        }
        if (ref.startsWith("file:")) {
            return path(ref, ref.substring(5), baseDirectory)
                    .orElseThrow(() -> new IllegalArgumentException("model: '" + ref.substring(5) + "' is not a file or folder"));
        }
        if (catalog.contains(ref)) {
            CatalogModel m = catalog.get(ref);
            return new NamedModel(ref, m.id(), NamedModel.Kind.CATALOG, m, null, "catalog");
        }
        Optional<NamedModel> file = path(ref, ref, baseDirectory);
        if (file.isPresent()) {
            return file.get();
        }
        if (looksLikePath(ref)) {
            Path p = asPath(ref, baseDirectory);
            throw new IllegalArgumentException("model: '" + ref + "' is neither a catalog id nor an existing file or folder"
                    + (p == null ? "" : " (looked for " + p.toAbsolutePath().normalize() + ")"));
        }
        Optional<NamedModel> hf = huggingFace(ref, ref);
        Optional<NamedModel> ollama = OllamaStore.looksLikeName(ref) ? ollama(ref, ref) : Optional.empty();
        if (hf.isPresent() && ollama.isPresent()) {
            throw new IllegalArgumentException("model: '" + ref + "' is both in the Hugging Face cache (" + hf.get().source()
                    + ") and the Ollama store (" + ollama.get().source() + "); write hf:" + ref + " or ollama:" + ref);
        }
        if (hf.isPresent()) {
            return hf.get();
        }
        if (ollama.isPresent()) {
            return ollama.get();
        }
        throw new IllegalArgumentException(unknown(ref));
    }

    private String unknown(String ref) {
        List<String> local = new ArrayList<>(ollamaNames());
        local.addAll(cachedRepos());
        StringBuilder s = new StringBuilder("model: unknown '").append(ref).append("'; did you mean ")
                .append(Names.nearest(ref, catalog.all().stream().map(CatalogModel::id).toList()));
        if (!local.isEmpty()) {
            s.append(" or ").append(Names.nearest(ref, local));
        }
        return s.append("? (not a catalog id, a file, a Hugging Face cache repo or an Ollama model; "
                + "'headroom catalog search' and 'headroom catalog scan' list them)").toString();
    }

    private static String installed(List<String> names) {
        if (names.isEmpty()) {
            return " (none there)";
        }
        return "; there: " + String.join(", ", names.subList(0, Math.min(10, names.size()))) + (names.size() > 10 ? ", ..." : "");
    }

    // ---- paths

    private Optional<NamedModel> path(String reference, String text, Path baseDirectory) {
        Path p = asPath(text, baseDirectory);
        if (p == null || !Files.exists(p)) {
            return Optional.empty();
        }
        Path absolute = p.toAbsolutePath().normalize();
        ModelFiles files = read(reference, absolute);
        Path name = absolute.getFileName();
        return Optional.of(new NamedModel(reference, name == null ? absolute.toString() : name.toString(), NamedModel.Kind.FILE,
                null, files, absolute.toString()));
    }

    private Path asPath(String ref, Path baseDirectory) {
        try {
            Path p = ref.startsWith("~/") ? env.home().resolve(ref.substring(2)) : Path.of(ref);
            return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    static boolean looksLikePath(String ref) {
        String lower = ref.toLowerCase(Locale.ROOT);
        return ref.startsWith(".") || ref.startsWith("/") || ref.startsWith("~") || ref.contains("\\")
                || lower.endsWith(".gguf") && !REPO.matcher(ref).matches() || lower.endsWith(".safetensors")
                || lower.endsWith(".json") || lower.endsWith(".onnx");
    }

    private static ModelFiles read(String reference, Path path) {
        ModelFiles files;
        try {
            files = ModelFileInspector.inspect(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + path + "' is a local model headroom cannot read: " + e.getMessage(), e);
        }
        if (!files.hasArchitecture()) {
            throw new IllegalArgumentException("'" + path + "' is a local model without architecture metadata ("
                    + String.join("; ", files.notes()) + ")");
        }
        return files;
    }

    // ---- Hugging Face cache

    private Optional<NamedModel> huggingFace(String reference, String text) {
        Matcher m = REPO.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String org = m.group(1);
        String repo = m.group(2);
        Path dir = env.huggingFaceHub().resolve("models--" + org + "--" + repo);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path snapshot = snapshot(dir).orElseThrow(() -> new IllegalArgumentException("model: " + dir + " has no snapshot"));
        Path target = snapshot;
        String id = org + "/" + repo;
        if (m.group(3) != null) {
            target = snapshot.resolve(m.group(3).substring(1));
            if (!Files.isRegularFile(target)) {
                throw new IllegalArgumentException("model: " + snapshot + " has no " + m.group(3).substring(1) + installed(ggufs(snapshot)));
            }
            id = text;
        } else if (m.group(4) != null) {
            String tag = m.group(4).toLowerCase(Locale.ROOT);
            List<String> matching = ggufs(snapshot).stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(tag)).toList();
            if (matching.size() != 1) {
                throw new IllegalArgumentException("model: " + (matching.isEmpty() ? "no" : matching.size()) + " GGUF files of "
                        + id + " match '" + m.group(4) + "'" + installed(ggufs(snapshot)));
            }
            target = snapshot.resolve(matching.get(0));
            id = id + "/" + matching.get(0);
        } else if (!hasWeightsOrConfig(snapshot)) {
            List<String> g = ggufs(snapshot);
            if (g.size() > 1) {
                throw new IllegalArgumentException("model: " + id + " holds " + g.size() + " GGUF files; name one as " + id
                        + "/FILE.gguf or " + id + ":QUANT" + installed(g));
            }
        }
        return Optional.of(new NamedModel(reference, id, NamedModel.Kind.HUGGING_FACE_CACHE, null,
                read(reference, target), target.toAbsolutePath().normalize().toString()));
    }

    /** The snapshot {@code refs/main} names, else the most recently modified one. */
    private static Optional<Path> snapshot(Path repoDir) {
        Path snapshots = repoDir.resolve("snapshots");
        Path main = repoDir.resolve("refs").resolve("main");
        if (Files.isRegularFile(main)) {
            String commit = new String(BoundedFiles.readAll(main, MAX_REF_BYTES, "refs/main"), StandardCharsets.UTF_8).trim();
            if (commit.matches("[0-9a-f]{7,64}") && Files.isDirectory(snapshots.resolve(commit))) {
                return Optional.of(snapshots.resolve(commit));
            }
        }
        return list(snapshots).stream().filter(Files::isDirectory).max(Comparator.comparing(ModelResolver::modified));
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean hasWeightsOrConfig(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json"))
                || list(dir).stream().anyMatch(p -> p.getFileName().toString().endsWith(".safetensors"));
    }

    private static List<String> ggufs(Path dir) {
        return list(dir).stream().filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")
                && !ModelFileInspector.isLaterSplit(p)).map(p -> p.getFileName().toString()).sorted().toList();
    }

    private List<String> cachedRepos() {
        Set<String> out = new LinkedHashSet<>();
        for (Path p : list(env.huggingFaceHub())) {
            String n = p.getFileName().toString();
            if (n.startsWith("models--")) {
                out.add(n.substring("models--".length()).replace("--", "/"));
            }
        }
        return List.copyOf(out);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.limit(100_000).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---- Ollama

    private Optional<NamedModel> ollama(String reference, String name) {
        OllamaStore store = OllamaStore.of(env);
        Optional<Path> manifest;
        try {
            manifest = store.manifest(name);
        } catch (IllegalArgumentException e) {
            if (reference.startsWith("ollama:")) {
                throw new IllegalArgumentException("model: " + e.getMessage());
            }
            return Optional.empty();
        }
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Path blob = store.modelBlob(name);
        ModelFiles files;
        try {
            files = ModelFileInspector.gguf(blob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model: Ollama model '" + name + "' (" + blob + ") cannot be read: " + e.getMessage(), e);
        }
        if (!files.hasArchitecture()) {
            throw new IllegalArgumentException("model: Ollama model '" + name + "' has no architecture metadata ("
                    + String.join("; ", files.notes()) + ")");
        }
        return Optional.of(new NamedModel(reference, name, NamedModel.Kind.OLLAMA, null, files, blob.toAbsolutePath().normalize().toString()));
    }

    private List<String> ollamaNames() {
        try {
            return OllamaStore.of(env).names();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
