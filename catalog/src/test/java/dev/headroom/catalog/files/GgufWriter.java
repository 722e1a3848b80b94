package dev.headroom.catalog.files;

import dev.headroom.sizing.quant.GgmlType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes real GGUF v3 files (per ggml/docs/gguf.md) with zero-filled tensor data, for tests. */
public final class GgufWriter {
    private final Map<String, Object[]> metadata = new LinkedHashMap<>();
    private final List<Object[]> tensors = new ArrayList<>();
    private int version = 3;
    private long alignment = 32;

    /** A two-block llama-shaped file: hidden 256, 4 heads, 2 kv heads, ffn 512, vocab 4. */
    public static GgufWriter tinyLlama() {
        return new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", "tiny llama")
                .u32("llama.block_count", 2)
                .u32("llama.context_length", 4096)
                .u32("llama.embedding_length", 256)
                .u32("llama.feed_forward_length", 512)
                .u32("llama.attention.head_count", 4)
                .u32("llama.attention.head_count_kv", 2)
                .f32("llama.rope.freq_base", 10000f)
                .bool("tokenizer.ggml.add_bos_token", true)
                .strings("tokenizer.ggml.tokens", List.of("<s>", "</s>", "a", "\u00e9t\u00e9"))
                .tensor("token_embd.weight", GgmlType.Q4_K, 256, 4)
                .tensor("blk.0.attn_q.weight", GgmlType.Q4_K, 256, 256)
                .tensor("blk.0.attn_k.weight", GgmlType.Q8_0, 256, 128)
                .tensor("blk.0.ffn_down.weight", GgmlType.Q6_K, 512, 256)
                .tensor("blk.0.attn_norm.weight", GgmlType.F32, 256)
                .tensor("output.weight", GgmlType.F16, 256, 4);
    }

    public GgufWriter version(int v) { version = v; return this; }

    public GgufWriter string(String key, String value) { metadata.put(key, new Object[] {GgufValueType.STRING, value}); return this; }

    public GgufWriter u32(String key, long value) { metadata.put(key, new Object[] {GgufValueType.UINT32, value}); return this; }

    public GgufWriter u64(String key, long value) { metadata.put(key, new Object[] {GgufValueType.UINT64, value}); return this; }

    public GgufWriter f32(String key, float value) { metadata.put(key, new Object[] {GgufValueType.FLOAT32, value}); return this; }

    public GgufWriter bool(String key, boolean value) { metadata.put(key, new Object[] {GgufValueType.BOOL, value}); return this; }

    public GgufWriter alignment(long a) { alignment = a; return u32("general.alignment", a); }

    public GgufWriter strings(String key, List<String> values) { metadata.put(key, new Object[] {GgufValueType.ARRAY, values}); return this; }

    /** A per-layer INT32 array (e.g. {@code <arch>.attention.head_count_kv} of a hybrid model). */
    public GgufWriter ints(String key, List<Long> values) { metadata.put(key, new Object[] {GgufValueType.ARRAY, values, GgufValueType.INT32}); return this; }

    public GgufWriter tensor(String name, GgmlType type, long... dims) { tensors.add(new Object[] {name, type, dims}); return this; }

    /** Exact bytes of the tensors written so far (what the reader must report). */
    public long expectedTensorBytes() {
        long sum = 0;
        for (Object[] t : tensors) {
            sum += bytes((GgmlType) t[1], (long[]) t[2]);
        }
        return sum;
    }

    static long bytes(GgmlType type, long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n / type.blockSize() * type.bytesPerBlock();
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, GgufReader.MAGIC);
        u32(out, version);
        u64(out, tensors.size());
        u64(out, metadata.size());
        for (Map.Entry<String, Object[]> e : metadata.entrySet()) {
            str(out, e.getKey());
            GgufValueType t = (GgufValueType) e.getValue()[0];
            u32(out, t.id());
            Object v = e.getValue()[1];
            switch (t) {
                case STRING -> str(out, (String) v);
                case UINT32 -> u32(out, (Long) v);
                case UINT64 -> u64(out, (Long) v);
                case FLOAT32 -> u32(out, Float.floatToIntBits((Float) v) & 0xffffffffL);
                case BOOL -> out.write((Boolean) v ? 1 : 0);
                case ARRAY -> {
                    if (e.getValue().length > 2) {
                        @SuppressWarnings("unchecked") List<Long> ints = (List<Long>) v;
                        u32(out, GgufValueType.INT32.id());
                        u64(out, ints.size());
                        ints.forEach(i -> u32(out, i & 0xffffffffL));
                    } else {
                        @SuppressWarnings("unchecked") List<String> list = (List<String>) v;
                        u32(out, GgufValueType.STRING.id());
                        u64(out, list.size());
                        list.forEach(s -> str(out, s));
                    }
                }
                default -> throw new IllegalStateException(t.toString());
            }
        }
        long offset = 0;
        List<Long> sizes = new ArrayList<>();
        for (Object[] t : tensors) {
            long[] dims = (long[]) t[2];
            str(out, (String) t[0]);
            u32(out, dims.length);
            for (long d : dims) {
                u64(out, d);
            }
            u32(out, ((GgmlType) t[1]).id());
            u64(out, offset);
            long b = bytes((GgmlType) t[1], dims);
            sizes.add(b);
            offset += (b + alignment - 1) / alignment * alignment;
        }
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        for (int i = 0; i < sizes.size(); i++) {
            long padded = i == sizes.size() - 1 ? sizes.get(i) : (sizes.get(i) + alignment - 1) / alignment * alignment;
            out.writeBytes(new byte[(int) padded]);
        }
        return out.toByteArray();
    }

    private static void str(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(out, b.length);
        out.writeBytes(b);
    }

    public static void u32(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    public static void u64(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
