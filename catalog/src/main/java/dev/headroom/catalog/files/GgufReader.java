package dev.headroom.catalog.files;

import dev.headroom.sizing.quant.GgmlType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GGUF headers (versions 2 and 3): magic {@code GGUF}, version (u32), tensor count (u64), metadata
 * count (u64), the metadata key/values of every type including nested arrays, then the tensor infos
 * (name, dimension count, dimensions, ggml type id, offset). The tensor data section starts at the next
 * multiple of {@code general.alignment} (default 32) after the infos.
 *
 * <p>Source: ggml/docs/gguf.md. Version 1 (32-bit counts) is rejected. Every count and length is checked
 * against the caps below and against the bytes left in the file before anything is allocated, so a
 * header claiming billions of tensors or petabyte strings fails at once with one line.
 */
public final class GgufReader {
    /** "GGUF" read as a little-endian u32. */
    public static final long MAGIC = 0x46554747L;
    public static final long MAX_STRING_BYTES = 16L * 1024 * 1024;
    /**
     * Longest metadata key or tensor name: ggml caps tensor names at GGML_MAX_NAME = 64 bytes (ggml.h) and
     * real keys are under 64 bytes ({@code tokenizer.ggml.token_type}); 4 KiB leaves room for any future name.
     */
    public static final long MAX_NAME_BYTES = 4096;
    /**
     * Most string bytes decoded from the whole metadata section (keys, values, the kept head of each array);
     * the strings of an array past its head are skipped, not decoded. A real header decodes well under
     * 1 MiB (the largest values are chat templates of some KiB), so 64 MiB refuses a header of hundreds of
     * 16 MiB strings after four of them instead of holding gigabytes.
     */
    public static final long MAX_METADATA_BYTES = 64L * 1024 * 1024;
    public static final long MAX_TENSORS = 1_000_000L;
    public static final long MAX_METADATA_PAIRS = 1_000_000L;
    /** GGML_MAX_DIMS in ggml.h. */
    public static final int MAX_DIMS = 4;
    public static final int MAX_ARRAY_DEPTH = 8;
    /** Elements of each metadata array kept in memory; the rest are read past. */
    public static final int ARRAY_HEAD = 16;
    /**
     * Elements kept of the per-layer arrays the sizing reads ({@code <arch>.attention.head_count_kv} of hybrid
     * models, where 0 marks a recurrent layer; {@code .attention.sliding_window_pattern}); one value per layer,
     * capped at {@link ArchitectureBounds#MAX_LAYERS}. Only these few key suffixes qualify, so a hostile file
     * cannot make the reader keep more than a few of them.
     */
    public static final int LAYER_ARRAY_HEAD = ArchitectureBounds.MAX_LAYERS;
    static final java.util.List<String> PER_LAYER_SUFFIXES = java.util.List.of(".attention.head_count_kv",
            ".attention.head_count", ".feed_forward_length", ".attention.sliding_window_pattern");
    public static final long DEFAULT_ALIGNMENT = 32;
    /** Smallest tensor info: 8-byte name length + 4-byte dimension count + 4-byte type + 8-byte offset. */
    private static final int MIN_TENSOR_INFO = 24;
    /** Smallest key/value: 8-byte key length + 4-byte type + 1 byte of value. */
    private static final int MIN_PAIR = 13;

    private GgufReader() {
    }

    public static GgufFile read(Path file) {
        try (ByteSource src = ByteSource.open(file)) {
            return read(src);
        }
    }

    public static GgufFile read(ByteSource src) {
        String f = src.name();
        LittleEndianCursor c = new LittleEndianCursor(src, 0);
        if (src.size() < 4 || c.u32("magic") != MAGIC) {
            throw new ModelFileException(f + ": magic is not 'GGUF' (not a GGUF file)");
        }
        long version = c.u32("version");
        if (version != 2 && version != 3) {
            throw new ModelFileException(f + ": GGUF version " + version + " is not supported (2 and 3 are)");
        }
        long tensorCount = c.u64("tensor count");
        long pairs = c.u64("metadata count");
        checkCount(c, "tensor count", tensorCount, MAX_TENSORS, MIN_TENSOR_INFO);
        checkCount(c, "metadata count", pairs, MAX_METADATA_PAIRS, MIN_PAIR);
        Map<String, Object> metadata = new LinkedHashMap<>();
        long[] budget = {MAX_METADATA_BYTES};
        for (long i = 0; i < pairs; i++) {
            String key = string(c, MAX_NAME_BYTES, "metadata key #" + i, budget);
            GgufValueType type = GgufValueType.ofId(c.u32("type of " + key), f + ": metadata '" + key + "'");
            if (metadata.put(key, value(c, type, key, 0, budget)) != null) {
                throw new ModelFileException(f + ": metadata key '" + key + "' appears twice");
            }
        }
        long alignment = DEFAULT_ALIGNMENT;
        Object a = metadata.get("general.alignment");
        if (a != null) {
            if (!(a instanceof Long l) || l <= 0 || l > 1 << 20 || Long.bitCount(l) != 1) {
                throw new ModelFileException(f + ": general.alignment " + a + " is not a power of two within 1..1048576");
            }
            alignment = l;
        }
        List<GgufTensor> tensors = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            tensors.add(tensorInfo(c, i, alignment));
        }
        long dataOffset = Math.addExact(c.position(), alignment - 1) / alignment * alignment;
        long dataBytes = src.size() - dataOffset;
        for (GgufTensor t : tensors) {
            if (t.offset() > dataBytes || t.bytes() > dataBytes - t.offset()) {
                throw new ModelFileException(f + ": tensor '" + t.name() + "' at data offset " + t.offset() + " with "
                        + t.bytes() + " bytes runs past the end of the file (truncated?)");
            }
        }
        return new GgufFile(f, (int) version, metadata, tensors, alignment, dataOffset, src.size());
    }

    /** A count must be within its cap, and the bytes left must hold that many of the smallest entry. */
    private static void checkCount(LittleEndianCursor c, String field, long count, long max, int minEntryBytes) {
        if (count < 0 || count > max) {
            throw new ModelFileException(c.name() + ": " + field + " " + Long.toUnsignedString(count) + " exceeds the limit of " + max);
        }
        if (count > c.remaining() / minEntryBytes) {
            throw new ModelFileException(c.name() + ": truncated: " + field + " " + count + " needs at least " + count * minEntryBytes
                    + " bytes but only " + c.remaining() + " remain");
        }
    }

    private static GgufTensor tensorInfo(LittleEndianCursor c, long i, long alignment) {
        String f = c.name();
        String name = c.string(MAX_NAME_BYTES, "tensor #" + i + " name");
        String where = f + ": tensor '" + SafetensorsDtype.truncate(name) + "'";
        long nDims = c.u32(name + " dimension count");
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw new ModelFileException(where + ": dimension count " + nDims + " is not within 1.." + MAX_DIMS);
        }
        List<Long> dims = new ArrayList<>();
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long v = c.u64(name + " dimension");
            if (v < 0) {
                throw new ModelFileException(where + ": dimension " + Long.toUnsignedString(v) + " is too large");
            }
            dims.add(v);
            try {
                elements = Math.multiplyExact(elements, v);
            } catch (ArithmeticException e) {
                throw new ModelFileException(where + ": element count overflows");
            }
        }
        long typeId = c.u32(name + " type");
        GgmlType type;
        try {
            type = GgmlType.ofId((int) typeId);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(where + ": ggml type id " + typeId + " is not a known type");
        }
        if (typeId > Integer.MAX_VALUE || !type.fitsRow(dims.get(0))) {
            throw new ModelFileException(where + ": row length " + dims.get(0) + " is not a multiple of the "
                    + type + " block size " + type.blockSize());
        }
        long offset = c.u64(name + " offset");
        if (offset < 0 || offset % alignment != 0) {
            throw new ModelFileException(where + ": offset " + Long.toUnsignedString(offset) + " is not a multiple of the alignment " + alignment);
        }
        long bytes;
        try {
            bytes = type.bytesFor(elements, dims.get(0));
        } catch (ArithmeticException e) {
            throw new ModelFileException(where + ": byte count overflows");
        }
        return new GgufTensor(name, dims, type, offset, bytes);
    }

    /** A string counted against the metadata budget before it is read. */
    private static String string(LittleEndianCursor c, long maxBytes, String field, long[] budget) {
        long start = c.position();
        long len = c.u64(field + " length");
        if (len >= 0 && len <= maxBytes && len > budget[0]) {
            throw new ModelFileException(c.name() + ": metadata holds more than " + (MAX_METADATA_BYTES >> 20)
                    + " MiB of strings (at " + field + "): not a model header");
        }
        c.seek(start);
        String s = c.string(maxBytes, field);
        budget[0] -= len;
        return s;
    }

    private static Object value(LittleEndianCursor c, GgufValueType type, String key, int depth, long[] budget) {
        return switch (type) {
            case UINT8 -> (long) c.u8(key);
            case INT8 -> (long) (byte) c.u8(key);
            case UINT16 -> c.u32Half(key);
            case INT16 -> (long) (short) (long) c.u32Half(key);
            case UINT32 -> c.u32(key);
            case INT32 -> (long) (int) c.u32(key);
            case FLOAT32 -> (double) Float.intBitsToFloat((int) c.u32(key));
            case BOOL -> {
                int b = c.u8(key);
                if (b > 1) {
                    throw new ModelFileException(c.name() + ": metadata '" + key + "': bool value " + b + " is not 0 or 1");
                }
                yield b == 1;
            }
            case STRING -> string(c, MAX_STRING_BYTES, "metadata '" + key + "'", budget);
            case UINT64, INT64 -> c.u64(key);
            case FLOAT64 -> Double.longBitsToDouble(c.u64(key));
            case ARRAY -> array(c, key, depth, budget);
        };
    }

    private static GgufArray array(LittleEndianCursor c, String key, int depth, long[] budget) {
        if (depth >= MAX_ARRAY_DEPTH) {
            throw new ModelFileException(c.name() + ": metadata '" + key + "': arrays nested deeper than " + MAX_ARRAY_DEPTH);
        }
        GgufValueType type = GgufValueType.ofId(c.u32(key + " element type"), c.name() + ": metadata '" + key + "' element");
        long length = c.u64(key + " array length");
        if (length < 0 || length > c.remaining() / type.minimumSize()) {
            throw new ModelFileException(c.name() + ": metadata '" + key + "': array length " + Long.toUnsignedString(length)
                    + " exceeds the " + c.remaining() + " bytes left in the file");
        }
        List<Object> head = new ArrayList<>();
        int keep = depth == 0 && type.size() > 0 && PER_LAYER_SUFFIXES.stream().anyMatch(key::endsWith) ? LAYER_ARRAY_HEAD : ARRAY_HEAD;
        for (long i = 0; i < length; i++) {
            if (i >= keep && type.size() > 0) {
                c.skip(Math.multiplyExact(length - i, (long) type.size()), key);
                break;
            }
            if (i >= keep && type == GgufValueType.STRING) {
                c.skipString(MAX_STRING_BYTES, key);
                continue;
            }
            Object v = value(c, type, key, depth + 1, budget);
            if (i < keep) {
                head.add(v);
            }
        }
        return new GgufArray(type, length, head);
    }
}
