package dev.headroom.catalog.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.sizing.model.ModelArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads whatever model files a path holds: a {@code .gguf} file, a {@code .safetensors} file, an {@code .onnx}
 * file (with its external-data files), or a directory with {@code config.json} and safetensors shards (listed
 * by {@code model.safetensors.index.json} when present) or an ONNX model ({@code model.onnx}, or
 * {@code onnx/model.onnx} as Optimum exports it). Symbolic links are followed (the Hugging Face cache links
 * snapshots to blobs).
 */
public final class ModelFileInspector {
    /** Most shard files accepted from one index (the largest public models have a few hundred). */
    public static final int MAX_SHARDS = 10_000;
    public static final String INDEX = "model.safetensors.index.json";

    private ModelFileInspector() {
    }

    /** @throws ModelFileException when the path holds no readable model */
    public static ModelFiles inspect(Path path) {
        if (!Files.exists(path)) {
            throw new ModelFileException(path + ": no such file or directory");
        }
        if (Files.isDirectory(path)) {
            return directory(path);
        }
        String n = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".safetensors")) {
            Path config = path.resolveSibling("config.json");
            return safetensors(path, List.of(path), -1, Files.isRegularFile(config) ? HfConfigReader.read(config) : null);
        }
        if (n.endsWith(".onnx")) {
            Path config = path.resolveSibling("config.json");
            return onnx(path, Files.isRegularFile(config) ? HfConfigReader.read(config) : null);
        }
        if (n.equals("config.json")) {
            return directory(path.getParent() == null ? Path.of(".") : path.getParent());
        }
        if (n.endsWith(".gguf") || looksLikeGguf(path)) {
            return gguf(path);
        }
        throw new ModelFileException(path + ": not a .gguf, .safetensors, .onnx or config.json file");
    }

    static boolean looksLikeGguf(Path path) {
        try (ByteSource src = ByteSource.open(path)) {
            return src.size() >= 4 && java.util.Arrays.equals(src.read(0, 4), new byte[] {'G', 'G', 'U', 'F'});
        }
    }

    /** llama.cpp gguf-split names: {@code <name>-00001-of-00003.gguf}. */
    static final java.util.regex.Pattern SPLIT = java.util.regex.Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Whether a file is a later part of a split GGUF (read together with its first part). */
    public static boolean isLaterSplit(Path path) {
        java.util.regex.Matcher m = SPLIT.matcher(path.getFileName().toString());
        return m.matches() && Integer.parseInt(m.group(2)) > 1;
    }

    /**
     * One GGUF file, or all parts of a split GGUF (llama.cpp gguf-split: the first part carries the metadata,
     * every part its own tensors); exact sizes are summed over the parts.
     */
    public static ModelFiles gguf(Path path) {
        List<Path> parts = splitParts(path);
        List<GgufFile> files = new ArrayList<>();
        for (Path p : parts) {
            files.add(GgufReader.read(p));
        }
        GgufFile g = files.get(0);
        Map<String, Long> byType = new TreeMap<>();
        long tensorBytes = 0;
        long fileBytes = 0;
        long params = 0;
        int tensors = 0;
        List<GgufTensor> all = new ArrayList<>();
        for (GgufFile f : files) {
            f.bytesByType().forEach((t, b) -> byType.merge(t.name(), b, Math::addExact));
            tensorBytes = Math.addExact(tensorBytes, f.tensorBytes());
            fileBytes = Math.addExact(fileBytes, f.fileBytes());
            params = Math.addExact(params, f.parameters());
            tensors += f.tensors().size();
            all.addAll(f.tensors());
        }
        List<String> notes = new ArrayList<>();
        notes.add("GGUF v" + g.version() + ", architecture '" + g.architectureName() + "', alignment " + g.alignment()
                + (parts.size() > 1 ? ", " + parts.size() + " split parts" : ""));
        GgufFile merged = new GgufFile(g.file(), g.version(), g.metadata(), all, g.alignment(), g.dataOffset(), fileBytes);
        ModelArchitecture arch = null;
        if (GgufArchitecture.present(merged)) {
            arch = GgufArchitecture.of(merged);
        } else {
            notes.add("no transformer architecture keys (block_count, embedding_length, head_count)");
        }
        long declared = g.integer("general.parameter_count");
        if (declared > 0 && declared != params) {
            notes.add("general.parameter_count " + declared + " differs from the tensors' " + params);
        }
        String name = g.string("general.name") != null ? g.string("general.name") : path.getFileName().toString();
        return new ModelFiles(path.toString(), "gguf", parts.stream().map(Path::toString).toList(), fileBytes, tensorBytes,
                tensors, params, byType, arch, name, notes);
    }

    private static List<Path> splitParts(Path path) {
        java.util.regex.Matcher m = SPLIT.matcher(path.getFileName().toString());
        if (!m.matches()) {
            return List.of(path);
        }
        int count = Integer.parseInt(m.group(3));
        if (count < 1 || count > MAX_SHARDS) {
            throw new ModelFileException(path + ": split count " + count + " is not within 1.." + MAX_SHARDS);
        }
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path p = path.resolveSibling(String.format(java.util.Locale.ROOT, "%s-%05d-of-%s.gguf", m.group(1), i, m.group(3)));
            if (!Files.isRegularFile(p)) {
                throw new ModelFileException(path + ": split part " + p.getFileName() + " is missing");
            }
            parts.add(p);
        }
        return parts;
    }

    private static ModelFiles directory(Path dir) {
        Path config = dir.resolve("config.json");
        HfConfig cfg = Files.isRegularFile(config) ? HfConfigReader.read(config) : null;
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            JsonNode root = readIndex(index);
            Set<String> shardNames = new LinkedHashSet<>();
            root.path("weight_map").fields().forEachRemaining(e -> shardNames.add(e.getValue().asText()));
            if (shardNames.size() > MAX_SHARDS) {
                throw new ModelFileException(index + ": " + shardNames.size() + " shard files exceed the limit of " + MAX_SHARDS);
            }
            List<Path> shards = new ArrayList<>();
            for (String s : shardNames) {
                Path p = dir.resolve(s).normalize();
                if (!p.startsWith(dir.normalize()) || s.contains("/") || s.contains("\\")) {
                    throw new ModelFileException(index + ": shard '" + s + "' is not a file in " + dir);
                }
                if (!Files.isRegularFile(p)) {
                    throw new ModelFileException(index + ": shard '" + s + "' is missing");
                }
                shards.add(p);
            }
            long total = root.path("metadata").path("total_size").canConvertToLong() ? root.path("metadata").path("total_size").asLong() : -1;
            return safetensors(dir, shards, total, cfg);
        }
        List<Path> files = list(dir, ".safetensors");
        if (!files.isEmpty()) {
            return safetensors(dir, files, -1, cfg);
        }
        List<Path> ggufs = list(dir, ".gguf");
        if (ggufs.size() == 1) {
            return gguf(ggufs.get(0));
        }
        if (ggufs.size() > 1) {
            throw new ModelFileException(dir + ": holds " + ggufs.size() + " .gguf files; name one");
        }
        for (Path candidate : List.of(dir.resolve("model.onnx"), dir.resolve("onnx").resolve("model.onnx"))) {
            if (Files.isRegularFile(candidate)) {
                return onnx(candidate, cfg);
            }
        }
        List<Path> onnx = list(dir, ".onnx");
        if (onnx.size() == 1) {
            return onnx(onnx.get(0), cfg);
        }
        if (onnx.size() > 1) {
            throw new ModelFileException(dir + ": holds " + onnx.size() + " .onnx files and no model.onnx; name one");
        }
        throw new ModelFileException(dir + ": no config.json with .safetensors files, no .gguf and no .onnx file");
    }

    /** An ONNX file: exact initializer counts and bytes from {@link OnnxReader}, the architecture from config.json. */
    public static ModelFiles onnx(Path file, HfConfig cfg) {
        OnnxModel m = OnnxReader.read(file);
        List<String> files = new ArrayList<>();
        files.add(file.toString());
        Path parent = file.toAbsolutePath().getParent();
        m.externalFiles().forEach(x -> files.add(parent.resolve(x).toString()));
        List<String> notes = new ArrayList<>();
        notes.add("ONNX IR v" + m.irVersion() + (m.producer().isEmpty() ? "" : ", " + m.producer()) + ", opsets " + m.opsets()
                + ", " + m.nodes().size() + " nodes");
        long scalars = m.initializers().stream().filter(t -> t.dims().isEmpty()).count();
        if (scalars > 0) {
            notes.add(scalars + " rank-0 constants are not counted as parameters");
        }
        if (!m.inputs().isEmpty()) {
            notes.add("inputs " + m.inputs() + " (-1: dynamic)");
        }
        if (cfg == null) {
            notes.add("no config.json beside the model: architecture unknown");
        } else if (!cfg.hasArchitecture()) {
            notes.add(cfg.note());
        }
        Path fileName = file.getFileName();
        return new ModelFiles(file.toString(), "onnx", files, m.fileBytes(), m.tensorBytes(), m.initializers().size(),
                m.parameters(), m.bytesByType(), cfg == null ? null : cfg.architecture(),
                fileName == null ? file.toString() : fileName.toString(), notes);
    }

    private static JsonNode readIndex(Path index) {
        try (ByteSource src = ByteSource.open(index)) {
            if (src.size() > SafetensorsReader.MAX_HEADER_BYTES) {
                throw new ModelFileException(index + ": " + src.size() + " bytes exceeds the limit of " + SafetensorsReader.MAX_HEADER_BYTES);
            }
            JsonNode root = BoundedJson.parse(src.read(0, (int) src.size()), index.toString());
            if (!root.path("weight_map").isObject()) {
                throw new ModelFileException(index + ": field 'weight_map' missing or not an object");
            }
            return root;
        }
    }

    private static ModelFiles safetensors(Path path, List<Path> shards, long indexTotal, HfConfig cfg) {
        List<SafetensorsHeader> headers = new ArrayList<>();
        for (Path s : shards) {
            headers.add(SafetensorsReader.read(s));
        }
        int bits = cfg != null && cfg.quantBits() > 0 && cfg.quantBits() <= 32 && 32 % cfg.quantBits() == 0 ? cfg.quantBits() : 0;
        SafetensorsModel m = new SafetensorsModel(headers, indexTotal, bits);
        List<String> notes = new ArrayList<>();
        if (!m.indexConsistent()) {
            notes.add("index total_size " + indexTotal + " differs from the shards' tensor bytes " + m.tensorBytes());
        }
        if (cfg != null && !cfg.quantMethod().isEmpty()) {
            notes.add("quantized: " + cfg.quantMethod() + (cfg.quantBits() > 0 ? " " + cfg.quantBits() + "-bit" : "")
                    + ", quantization metadata " + m.quantizationMetadataBytes() + " bytes");
        }
        if (cfg == null) {
            notes.add("no config.json beside the weights: architecture unknown");
        } else if (!cfg.hasArchitecture()) {
            notes.add(cfg.note());
        }
        List<String> names = shards.stream().map(Path::toString).toList();
        Map<String, Long> byType = new LinkedHashMap<>(m.bytesByDtype());
        Path fileName = path.getFileName();
        return new ModelFiles(path.toString(), "safetensors", names, m.fileBytes(), m.tensorBytes(), m.tensorCount(),
                m.weightParameters(), byType, cfg == null ? null : cfg.architecture(),
                fileName == null ? path.toString() : fileName.toString(), notes);
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new ModelFileException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
