package dev.headroom.catalog.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one JSON mapper for untrusted model files. Jackson's stream constraints bound nesting depth,
 * string and number lengths and document size, so a hostile header cannot exhaust the stack or heap.
 */
public final class BoundedJson {
    /** Deepest nesting accepted; real config.json files nest 3-4 levels. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest single string value; the longest real values are chat templates of some KiB. */
    public static final int MAX_STRING_CHARS = 4 * 1024 * 1024;
    /** Longest number literal. */
    public static final int MAX_NUMBER_CHARS = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxDocumentLength(SafetensorsReader.MAX_HEADER_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private BoundedJson() {
    }

    /**
     * Counts the top-level fields of a JSON object with the streaming parser (no tree is built, nested
     * values are skipped), refusing more than {@code maxFields}: a tree of a million small objects costs
     * gigabytes, the count costs nothing.
     *
     * @throws ModelFileException when there are more, or when the document is not valid JSON
     */
    public static int requireAtMostFields(byte[] json, int maxFields, String where, String what) {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return 0;
            }
            int count = 0;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                if (++count > maxFields) {
                    throw new ModelFileException(where + ": more than " + maxFields + " " + what);
                }
                p.nextToken();
                p.skipChildren();
            }
            return count;
        } catch (IOException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ModelFileException(where + ": not valid JSON: " + first, e);
        }
    }

    /**
     * Parses a JSON document already held in memory (its size was capped by the caller).
     *
     * @throws ModelFileException with the first line of the parser's message, prefixed by {@code where}
     */
    public static JsonNode parse(byte[] json, String where) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new ModelFileException(where + ": empty JSON");
            }
            return node;
        } catch (IOException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ModelFileException(where + ": not valid JSON: " + first, e);
        }
    }
}
