package dev.headroom.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.headroom.sizing.model.ArchitectureExtensions;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.NormKind;
import dev.headroom.sizing.quant.Names;
import dev.headroom.sizing.units.ByteUnits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads catalog files of schema {@code headroom-models/1} (JSON for the bundled files, JSON or YAML for
 * user catalogs). Collects every problem of a file before failing, each naming the file, the entry and
 * the field; unknown fields are reported with the nearest known name (a typo would otherwise be ignored).
 */
public final class ModelCatalogReader {
    public static final String SCHEMA = "headroom-models/1";
    /** The product brief's nine domains (model-domains.md), as ids. */
    public static final Set<String> DOMAINS = Set.of("vision", "nlp", "audio", "embeddings", "llm", "multimodal",
            "time-series", "tabular", "generative");
    /** The product brief's categories (model-landscape.md). */
    public static final Set<String> CATEGORIES = Set.of("foundation", "task", "proprietary");
    static final Set<String> FIELDS = Set.of("id", "name", "family", "domains", "tasks", "category", "aliases", "parameters",
            "parameterBasis", "architecture", "shape", "referenceInput", "gflopsPerInput", "activationBytesEstimate",
            "embeddingDimension", "downloadBytes", "sizeTiers", "downloads", "license", "hostable", "runtimes", "sources", "notes",
            "gflopsCounts");
    static final Set<String> ARCHITECTURE_FIELDS = Set.of("layers", "hiddenSize", "attentionHeads", "kvHeads", "headDim",
            "intermediateSize", "vocabSize", "maxContext", "tiedEmbeddings", "mlp", "norm", "normsPerLayer", "qkvBias",
            "outputBias", "learnedPositions", "experts", "expertsPerToken", "slidingWindow", "slidingWindowLayers",
            // ArchitectureExtensions (all optional; absent = a plain decoder)
            "layerPattern", "qkNorm", "attentionSinks", "gatedAttention", "qLoraRank", "kvLoraRank", "qkRopeHeadDim",
            "qkNopeHeadDim", "vHeadDim", "moeIntermediateSize", "sharedExperts", "sharedExpertIntermediateSize",
            "sharedExpertGate", "firstDenseLayers", "moeLayerPeriod", "moeLayerOffset", "routerBias", "ssmInnerSize",
            "ssmStateSize", "ssmConvKernel", "ssmGroups", "ssmHeads", "ssmDtRank", "linearKeyHeads", "linearValueHeads",
            "linearKeyHeadDim", "linearValueHeadDim");

    /** Entries per file: the bundled catalog holds a few hundred, a user catalog of thousands is well below. */
    public static final int MAX_MODELS = 10_000;
    /** Problems reported per file; a file with more is not a catalog with typos but something else. */
    public static final int MAX_PROBLEMS = 50;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64).maxDocumentLength(64L * 1024 * 1024).build();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(LIMITS).build());
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().streamReadConstraints(LIMITS).build());

    private ModelCatalogReader() {
    }

    /** Reads a JSON catalog. */
    public static List<CatalogModel> read(String fileName, InputStream in) {
        return read(fileName, in, false);
    }

    /** Reads a JSON or (when {@code yaml}) YAML catalog. */
    public static List<CatalogModel> read(String fileName, InputStream in, boolean yaml) {
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(in);
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(List.of(fileName + ": not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
        return read(fileName, root);
    }

    static List<CatalogModel> read(String fileName, JsonNode root) {
        List<String> problems = new ArrayList<>();
        List<CatalogModel> models = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new CatalogException(List.of(fileName + ": not an object with 'schema' and 'models'"));
        }
        if (root.has("schema") && !SCHEMA.equals(root.get("schema").asText())) {
            problems.add(fileName + ": schema '" + root.get("schema").asText() + "' is not " + SCHEMA);
        }
        JsonNode entries = root.get("models");
        if (entries == null || !entries.isArray()) {
            throw new CatalogException(List.of(fileName + ": missing array 'models'"));
        }
        if (entries.size() > MAX_MODELS) {
            throw new CatalogException(List.of(fileName + ": " + entries.size() + " models exceed the limit of " + MAX_MODELS
                    + " per file"));
        }
        for (int i = 0; i < entries.size(); i++) {
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add(fileName + ": more than " + MAX_PROBLEMS + " problems; stopped at models[" + i + "] of "
                        + entries.size());
                break;
            }
            JsonNode e = entries.get(i);
            String where = fileName + ": models[" + i + "]" + (e.hasNonNull("id") ? " (" + e.get("id").asText() + ")" : "");
            int before = problems.size();
            try {
                CatalogModel m = entry(e, where, problems);
                if (problems.size() == before) {
                    models.add(m);
                }
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return models;
    }

    private static CatalogModel entry(JsonNode e, String where, List<String> problems) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        unknownFields(e, FIELDS, where, "", problems);
        String id = text(e, "id", where, problems);
        if (id != null && !id.matches("[a-z0-9]+(?:[.-][a-z0-9]+)*")) {
            problems.add(where + ": id '" + id + "' must be lowercase kebab-case");
        }
        List<String> domains = strings(e, "domains", where, problems);
        if (domains.isEmpty()) {
            problems.add(where + ": field 'domains' is missing or empty");
        }
        for (String d : domains) {
            if (!DOMAINS.contains(d)) {
                problems.add(where + ": domains: '" + d + "' is not a domain; did you mean '" + Names.nearest(d, DOMAINS) + "'?");
            }
        }
        String category = e.path("category").asText("foundation");
        if (!CATEGORIES.contains(category)) {
            problems.add(where + ": category '" + category + "' is not one of " + String.join(", ", new java.util.TreeSet<>(CATEGORIES)));
        }
        ModelArchitecture arch = null;
        if (e.has("architecture")) {
            unknownFields(e.get("architecture"), ARCHITECTURE_FIELDS, where, "architecture.", problems);
            try {
                arch = dev.headroom.catalog.files.ArchitectureBounds.checked(architecture(e.get("architecture")), "architecture");
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": architecture: " + ex.getMessage());
            }
        }
        for (String flag : List.of("hostable")) {
            if (e.has(flag) && !e.get(flag).isBoolean()) {
                problems.add(where + ": " + flag + " '" + e.get(flag).asText() + "' is not true or false");
            }
        }
        long parameters = e.path("parameters").asLong(CatalogModel.UNKNOWN);
        if (e.has("parameters") && (!e.get("parameters").canConvertToLong() || parameters <= 0)) {
            problems.add(where + ": parameters '" + e.get("parameters") + "' is not a positive integer");
        }
        ModelDetails details = details(e, where, problems);
        if (details.parameterBasis() == ParameterBasis.EXACT && parameters == CatalogModel.UNKNOWN && arch == null
                && e.path("hostable").asBoolean(true)) {
            problems.add(where + ": field 'parameters' is missing (or set parameterBasis to data-dependent/undisclosed)");
        }
        List<String> sources = strings(e, "sources", where, problems);
        if (sources.isEmpty()) {
            problems.add(where + ": field 'sources' is missing or empty (every entry cites where its numbers come from)");
        }
        return new CatalogModel(id, text(e, "name", where, problems), text(e, "family", where, problems),
                domains, strings(e, "tasks", where, problems), category, strings(e, "aliases", where, problems),
                parameters, arch, e.path("license").asText("unknown"), e.path("hostable").asBoolean(true),
                strings(e, "runtimes", where, problems), sources, details);
    }

    private static ModelDetails details(JsonNode e, String where, List<String> problems) {
        ParameterBasis basis = ParameterBasis.EXACT;
        if (e.has("parameterBasis")) {
            try {
                basis = ParameterBasis.parse(e.get("parameterBasis").asText());
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": parameterBasis: " + ex.getMessage());
            }
        }
        Map<String, Long> shape = new LinkedHashMap<>();
        e.path("shape").fields().forEachRemaining(f -> {
            if (!f.getValue().canConvertToLong() || !f.getValue().isIntegralNumber()) {
                problems.add(where + ": shape." + f.getKey() + " '" + f.getValue() + "' is not an integer");
            } else {
                shape.put(f.getKey(), f.getValue().asLong());
            }
        });
        List<SizeTier> tiers = new ArrayList<>();
        JsonNode t = e.path("sizeTiers");
        for (int i = 0; i < t.size(); i++) {
            try {
                tiers.add(new SizeTier(t.get(i).path("maxRows").asLong(Long.MAX_VALUE), bytes(t.get(i), "min"), bytes(t.get(i), "max")));
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": sizeTiers[" + i + "]: " + ex.getMessage());
            }
        }
        long download = -1;
        if (e.has("downloadBytes")) {
            try {
                download = bytes(e, "downloadBytes");
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": downloadBytes: " + ex.getMessage());
            }
        }
        long activation = -1;
        if (e.has("activationBytesEstimate")) {
            try {
                activation = bytes(e, "activationBytesEstimate");
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": activationBytesEstimate: " + ex.getMessage());
            }
        }
        String counts = e.path("gflopsCounts").asText("multiply-adds");
        if (!counts.equals("multiply-adds") && !counts.equals("flops")) {
            problems.add(where + ": gflopsCounts '" + counts + "' is not one of multiply-adds, flops");
        }
        return new ModelDetails(basis, shape, e.path("referenceInput").asText(""), e.path("gflopsPerInput").asDouble(-1),
                activation, e.path("embeddingDimension").asInt(0), download, tiers,
                strings(e, "downloads", where, problems), e.path("notes").asText(""), !counts.equals("flops"));
    }

    /** A byte count written as an integer or a size text ("97.8 MB", "1.5 GiB"). */
    private static long bytes(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        return ByteUnits.parse(v.asText().replace(" ", ""));
    }

    /** Maps the JSON architecture object to the engine's record, with Llama-style defaults for absent fields. */
    static ModelArchitecture architecture(JsonNode a) {
        ModelArchitecture.Builder b = ModelArchitecture.llama(
                required(a, "layers"), required(a, "hiddenSize"), required(a, "attentionHeads"),
                a.path("kvHeads").asInt(a.path("attentionHeads").asInt()), required(a, "intermediateSize"),
                required(a, "vocabSize"), required(a, "maxContext"));
        if (a.has("headDim")) {
            b.headDim(a.get("headDim").asInt());
        }
        b.tiedEmbeddings(a.path("tiedEmbeddings").asBoolean(false));
        b.mlp(enumValue(MlpKind.class, a.path("mlp").asText("gated"), "mlp"));
        b.norm(enumValue(NormKind.class, a.path("norm").asText("rms"), "norm"));
        b.normsPerLayer(a.path("normsPerLayer").asInt(2));
        b.qkvBias(a.path("qkvBias").asBoolean(false));
        b.outputBias(a.path("outputBias").asBoolean(false));
        b.learnedPositions(a.path("learnedPositions").asInt(0));
        b.experts(a.path("experts").asInt(0), a.path("expertsPerToken").asInt(0));
        b.slidingWindow(a.path("slidingWindow").asInt(0), a.path("slidingWindowLayers").asInt(0));
        b.extensions(extensions(a));
        return b.build();
    }

    /**
     * The architecture as a catalog {@code architecture} object that {@link #architecture(JsonNode)} reads back to an
     * equal record: every base field, and the extension fields that differ from {@link ArchitectureExtensions#NONE}.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode architectureJson(ModelArchitecture a) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.put("layers", a.layers());
        n.put("hiddenSize", a.hiddenSize());
        n.put("attentionHeads", a.attentionHeads());
        n.put("kvHeads", a.kvHeads());
        n.put("headDim", a.headDim());
        n.put("intermediateSize", a.intermediateSize());
        n.put("vocabSize", a.vocabSize());
        n.put("maxContext", a.maxContext());
        n.put("tiedEmbeddings", a.tiedEmbeddings());
        n.put("mlp", a.mlp().name().toLowerCase(Locale.ROOT));
        n.put("norm", a.norm().name().toLowerCase(Locale.ROOT));
        n.put("normsPerLayer", a.normsPerLayer());
        n.put("qkvBias", a.qkvBias());
        n.put("outputBias", a.outputBias());
        n.put("learnedPositions", a.learnedPositions());
        n.put("experts", a.experts());
        n.put("expertsPerToken", a.expertsPerToken());
        n.put("slidingWindow", a.slidingWindow());
        n.put("slidingWindowLayers", a.slidingWindowLayers());
        ArchitectureExtensions x = a.extensions();
        ArchitectureExtensions none = ArchitectureExtensions.NONE;
        if (!x.layerPattern().isEmpty()) {
            n.put("layerPattern", x.layerPattern());
        }
        flag(n, "qkNorm", x.qkNorm());
        flag(n, "attentionSinks", x.attentionSinks());
        flag(n, "gatedAttention", x.gatedAttention());
        count(n, "qLoraRank", x.qLoraRank(), none.qLoraRank());
        count(n, "kvLoraRank", x.kvLoraRank(), none.kvLoraRank());
        count(n, "qkRopeHeadDim", x.qkRopeHeadDim(), 0);
        count(n, "qkNopeHeadDim", x.qkNopeHeadDim(), 0);
        count(n, "vHeadDim", x.vHeadDim(), 0);
        count(n, "moeIntermediateSize", x.moeIntermediateSize(), 0);
        count(n, "sharedExperts", x.sharedExperts(), 0);
        count(n, "sharedExpertIntermediateSize", x.sharedExpertIntermediateSize(), 0);
        flag(n, "sharedExpertGate", x.sharedExpertGate());
        count(n, "firstDenseLayers", x.firstDenseLayers(), 0);
        count(n, "moeLayerPeriod", x.moeLayerPeriod(), 1);
        count(n, "moeLayerOffset", x.moeLayerOffset(), 0);
        flag(n, "routerBias", x.routerBias());
        count(n, "ssmInnerSize", x.ssmInnerSize(), 0);
        count(n, "ssmStateSize", x.ssmStateSize(), 0);
        count(n, "ssmConvKernel", x.ssmConvKernel(), 0);
        count(n, "ssmGroups", x.ssmGroups(), 0);
        count(n, "ssmHeads", x.ssmHeads(), 0);
        count(n, "ssmDtRank", x.ssmDtRank(), 0);
        count(n, "linearKeyHeads", x.linearKeyHeads(), 0);
        count(n, "linearValueHeads", x.linearValueHeads(), 0);
        count(n, "linearKeyHeadDim", x.linearKeyHeadDim(), 0);
        count(n, "linearValueHeadDim", x.linearValueHeadDim(), 0);
        return n;
    }

    private static void flag(com.fasterxml.jackson.databind.node.ObjectNode n, String field, boolean value) {
        if (value) {
            n.put(field, true);
        }
    }

    private static void count(com.fasterxml.jackson.databind.node.ObjectNode n, String field, int value, int absent) {
        if (value != absent) {
            n.put(field, value);
        }
    }

    /** The optional extension fields (layer pattern, MLA, shared experts, state space layers). */
    static ArchitectureExtensions extensions(JsonNode a) {
        ArchitectureExtensions.Builder x = ArchitectureExtensions.builder()
                .layerPattern(a.path("layerPattern").asText(""))
                .qkNorm(a.path("qkNorm").asBoolean(false))
                .attentionSinks(a.path("attentionSinks").asBoolean(false))
                .gatedAttention(a.path("gatedAttention").asBoolean(false))
                .latentAttention(a.path("qLoraRank").asInt(0), a.path("kvLoraRank").asInt(0), a.path("qkRopeHeadDim").asInt(0),
                        a.path("qkNopeHeadDim").asInt(0), a.path("vHeadDim").asInt(0))
                .moeIntermediateSize(a.path("moeIntermediateSize").asInt(0))
                .sharedExperts(a.path("sharedExperts").asInt(0), a.path("sharedExpertIntermediateSize").asInt(0),
                        a.path("sharedExpertGate").asBoolean(false))
                .moeLayers(a.path("firstDenseLayers").asInt(0), a.path("moeLayerPeriod").asInt(1), a.path("moeLayerOffset").asInt(0))
                .routerBias(a.path("routerBias").asBoolean(false));
        // Mamba (v1), Mamba-2 and gated DeltaNet share the conv kernel; each setter writes only its own fields here.
        x.mamba(a.path("ssmInnerSize").asInt(0), a.path("ssmStateSize").asInt(0), a.path("ssmConvKernel").asInt(0),
                a.path("ssmDtRank").asInt(0));
        x.mamba2(a.path("ssmInnerSize").asInt(0), a.path("ssmHeads").asInt(0), a.path("ssmGroups").asInt(0),
                a.path("ssmStateSize").asInt(0), a.path("ssmConvKernel").asInt(0));
        x.linearAttention(a.path("linearKeyHeads").asInt(0), a.path("linearValueHeads").asInt(0),
                a.path("linearKeyHeadDim").asInt(0), a.path("linearValueHeadDim").asInt(0), a.path("ssmConvKernel").asInt(0));
        return x.build();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static int required(JsonNode a, String field) {
        JsonNode v = a.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": missing or not an integer");
        }
        return v.asInt();
    }

    private static void unknownFields(JsonNode n, Set<String> known, String where, String prefix, List<String> problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(where + ": unknown field '" + prefix + f + "'; did you mean '" + prefix + Names.nearest(f, known) + "'?");
            }
        }
    }

    private static String text(JsonNode e, String field, String where, List<String> problems) {
        JsonNode v = e.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(where + ": field '" + field + "' is missing");
            return null;
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode e, String field, String where, List<String> problems) {
        List<String> out = new ArrayList<>();
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.add(where + ": field '" + field + "' must be a list of strings");
            return out;
        }
        v.forEach(n -> out.add(n.asText()));
        return out;
    }
}
