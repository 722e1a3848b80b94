package dev.headroom.catalog.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors headers exactly: an 8-byte little-endian header length N, then N bytes of UTF-8
 * JSON mapping tensor names to {@code dtype}, {@code shape} and {@code data_offsets} (relative to the
 * data section that follows the header), plus an optional {@code __metadata__} string map.
 *
 * <p>Source: huggingface/safetensors README "Format" and {@code safetensors/src/tensor.rs}, which caps
 * the header at 100,000,000 bytes ({@code MAX_HEADER_SIZE}); the same cap is used here, checked before
 * allocating. Each tensor's offsets must lie inside the file and match dtype x shape.
 */
public final class SafetensorsReader {
    /** Largest header accepted, as in the reference implementation (100 MB). */
    public static final int MAX_HEADER_BYTES = 100_000_000;
    /**
     * Most tensors per file: DeepSeek-V3 (671B, 256 routed experts in 58 layers, three matrices and a scale
     * each) has about 91,000 tensors in all its 163 shards together; a header claiming more than twice that
     * in one file is not a model, and its JSON tree alone would take gigabytes (issue 16 fuzzing).
     */
    public static final int MAX_TENSORS = 200_000;
    /** Most dimensions per tensor accepted (real models use at most 5). */
    public static final int MAX_DIMS = 16;

    private SafetensorsReader() {
    }

    public static SafetensorsHeader read(Path file) {
        try (ByteSource src = ByteSource.open(file)) {
            return read(src);
        }
    }

    public static SafetensorsHeader read(ByteSource src) {
        String f = src.name();
        if (src.size() < 8) {
            throw new ModelFileException(f + ": truncated: " + src.size() + " bytes, a safetensors file starts with an 8-byte header length");
        }
        long n = ByteBuffer.wrap(src.read(0, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER_BYTES) {
            throw new ModelFileException(f + ": header length " + Long.toUnsignedString(n)
                    + " is not within 2.." + MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
        }
        if (n > src.size() - 8) {
            throw new ModelFileException(f + ": truncated: header length " + n + " exceeds the " + (src.size() - 8) + " bytes after the prefix");
        }
        byte[] raw = src.read(8, (int) n);
        if (raw[0] != '{') {
            throw new ModelFileException(f + ": header does not start with '{' (not a safetensors file?)");
        }
        checkUtf8(raw, f);
        BoundedJson.requireAtMostFields(raw, MAX_TENSORS + 1, f + ": header",
                "entries (" + MAX_TENSORS + " tensors and __metadata__): not a model file");
        JsonNode root = BoundedJson.parse(raw, f + ": header");
        if (!root.isObject()) {
            throw new ModelFileException(f + ": header is not a JSON object");
        }
        long dataBytes = src.size() - 8 - n;
        List<SafetensorsTensor> tensors = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                metadata(e.getValue(), f, metadata);
            } else {
                tensors.add(tensor(e.getKey(), e.getValue(), f, dataBytes));
            }
        }
        return new SafetensorsHeader(f, n, src.size(), tensors, metadata);
    }

    private static void metadata(JsonNode m, String f, Map<String, String> out) {
        if (!m.isObject()) {
            throw new ModelFileException(f + ": __metadata__ is not an object");
        }
        m.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new ModelFileException(f + ": __metadata__." + SafetensorsDtype.truncate(e.getKey()) + " is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
    }

    private static SafetensorsTensor tensor(String name, JsonNode t, String f, long dataBytes) {
        String where = f + ": tensor '" + SafetensorsDtype.truncate(name) + "'";
        if (!t.isObject()) {
            throw new ModelFileException(where + " is not an object");
        }
        JsonNode dt = t.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw new ModelFileException(where + ": field 'dtype' missing or not a string");
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(dt.asText(), where);
        JsonNode shapeNode = t.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > MAX_DIMS) {
            throw new ModelFileException(where + ": field 'shape' missing, not an array or more than " + MAX_DIMS + " dimensions");
        }
        List<Long> shape = new ArrayList<>();
        long elements = 1;
        for (JsonNode d : shapeNode) {
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new ModelFileException(where + ": shape entry '" + d + "' is not a non-negative integer");
            }
            shape.add(d.asLong());
            elements = multiply(elements, d.asLong(), where);
        }
        JsonNode off = t.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()
                || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()) {
            throw new ModelFileException(where + ": field 'data_offsets' must be two integers");
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin < 0 || end < begin || end > dataBytes) {
            throw new ModelFileException(where + ": data_offsets [" + begin + ", " + end + "] are not within the "
                    + dataBytes + " data bytes of the file (truncated?)");
        }
        long expected;
        try {
            expected = dtype.bytesFor(elements);
        } catch (ArithmeticException e) {
            throw new ModelFileException(where + ": shape " + shape + " overflows");
        }
        if (expected != end - begin) {
            throw new ModelFileException(where + ": " + dtype + " " + shape + " needs " + expected
                    + " bytes but data_offsets span " + (end - begin));
        }
        return new SafetensorsTensor(name, dtype, shape, begin, end);
    }

    private static long multiply(long a, long b, String where) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ModelFileException(where + ": shape element count overflows");
        }
    }

    /** Validates UTF-8 through a small reused buffer: decoding a 100 MB header at once would take 200 MB more. */
    static void checkUtf8(byte[] raw, String f) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
        while (true) {
            java.nio.charset.CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                throw new ModelFileException(f + ": header is not valid UTF-8");
            }
            out.clear();
            if (r.isUnderflow()) {
                break;
            }
        }
        java.nio.charset.CoderResult end = decoder.flush(out);
        if (end.isError()) {
            throw new ModelFileException(f + ": header is not valid UTF-8");
        }
    }
}
