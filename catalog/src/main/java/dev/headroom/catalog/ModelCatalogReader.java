package dev.headroom.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.NormKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads catalog files of schema {@code headroom-models/1}. Collects every problem of a file before
 * failing, each naming the file, the entry and the field.
 */
public final class ModelCatalogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCatalogReader() {
    }

    public static List<CatalogModel> read(String fileName, InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new CatalogException(List.of(fileName + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
        List<String> problems = new ArrayList<>();
        List<CatalogModel> models = new ArrayList<>();
        JsonNode entries = root == null ? null : root.get("models");
        if (entries == null || !entries.isArray()) {
            throw new CatalogException(List.of(fileName + ": missing array 'models'"));
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String where = fileName + ": models[" + i + "]" + (e.hasNonNull("id") ? " (" + e.get("id").asText() + ")" : "");
            try {
                models.add(entry(e, where, problems));
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
        String id = text(e, "id", where, problems);
        if (id != null && !id.matches("[a-z0-9]+(?:[.-][a-z0-9]+)*")) {
            problems.add(where + ": id '" + id + "' must be lowercase kebab-case");
        }
        ModelArchitecture arch = e.has("architecture") ? architecture(e.get("architecture")) : null;
        return new CatalogModel(id, text(e, "name", where, problems), text(e, "family", where, problems),
                strings(e, "domains"), strings(e, "tasks"), e.path("category").asText("foundation"), strings(e, "aliases"),
                e.path("parameters").asLong(CatalogModel.UNKNOWN), arch, e.path("license").asText("unknown"),
                e.path("hostable").asBoolean(true), strings(e, "runtimes"), strings(e, "sources"));
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
        b.mlp(MlpKind.valueOf(a.path("mlp").asText("gated").toUpperCase(Locale.ROOT)));
        b.norm(NormKind.valueOf(a.path("norm").asText("rms").toUpperCase(Locale.ROOT)));
        b.normsPerLayer(a.path("normsPerLayer").asInt(2));
        b.qkvBias(a.path("qkvBias").asBoolean(false));
        b.outputBias(a.path("outputBias").asBoolean(false));
        b.learnedPositions(a.path("learnedPositions").asInt(0));
        b.experts(a.path("experts").asInt(0), a.path("expertsPerToken").asInt(0));
        b.slidingWindow(a.path("slidingWindow").asInt(0), a.path("slidingWindowLayers").asInt(0));
        return b.build();
    }

    private static int required(JsonNode a, String field) {
        JsonNode v = a.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("architecture." + field + ": missing or not an integer");
        }
        return v.asInt();
    }

    private static String text(JsonNode e, String field, String where, List<String> problems) {
        JsonNode v = e.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(where + ": field '" + field + "' is missing");
            return null;
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode e, String field) {
        List<String> out = new ArrayList<>();
        e.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
