package dev.headroom.catalog.files;

import dev.headroom.sizing.quant.GgmlType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a Llama-architecture GGUF v3 file with random weights in the real ggml block layouts, loadable by
 * llama.cpp, so that a user's own llama.cpp build can be measured on a model of a known shape.
 *
 * <p>Layouts (ggml/src/ggml-common.h): F16 = one IEEE half per weight; Q8_0 = fp16 scale + 32 int8 (34 bytes per
 * 32 weights); Q4_0 = fp16 scale + 16 bytes of nibbles (18 bytes per 32 weights); Q4_K = fp16 d, fp16 dmin, 12 bytes of
 * packed 6-bit sub-block scales and mins, 128 bytes of nibbles (144 bytes per 256 weights); Q6_K = 128 bytes of low
 * nibbles, 64 bytes of high 2-bit pairs, 16 int8 sub-block scales, fp16 d (210 bytes per 256 weights). Norm weights are
 * F32 ones.
 * Metadata is what llama.cpp's loader requires for {@code general.architecture = llama}
 * (src/llama-model.cpp {@code LLM_ARCH_LLAMA}, src/llama-vocab.cpp {@code tokenizer_model == "llama"}):
 * the {@code llama.*} hyperparameters including {@code attention.layer_norm_rms_epsilon}, and an SPM vocabulary of
 * {@code vocab} placeholder tokens (ids 0..2 are unk, bos, eos as llama.cpp defaults them).
 *
 * @param name general.name
 * @param blocks transformer blocks
 * @param hidden embedding length (multiple of 32)
 * @param heads attention heads
 * @param kvHeads key/value heads
 * @param ffn feed-forward length (multiple of 32)
 * @param vocab vocabulary size (at least 3)
 * @param format format of the 2-D weight matrices: F16, Q8_0, Q4_0, Q4_K or Q6_K (K-quants: hidden and ffn multiples of 256)
 */
public record SyntheticGguf(String name, int blocks, int hidden, int heads, int kvHeads, int ffn, int vocab, GgmlType format) {
    /** Data alignment of the file, the GGUF default. */
    public static final int ALIGNMENT = 32;

    public SyntheticGguf {
        if (format != GgmlType.F16 && format != GgmlType.Q8_0 && format != GgmlType.Q4_0 && format != GgmlType.Q4_K
                && format != GgmlType.Q6_K) {
            throw new IllegalArgumentException("format: must be F16, Q8_0, Q4_0, Q4_K or Q6_K, was " + format);
        }
        if ((format == GgmlType.Q4_K || format == GgmlType.Q6_K) && (hidden % 256 != 0 || ffn % 256 != 0)) {
            throw new IllegalArgumentException("format: " + format + " needs hidden and ffn multiples of 256, were " + hidden + ", " + ffn);
        }
        if (blocks < 1 || blocks > 512 || heads < 1 || kvHeads < 1 || heads % kvHeads != 0 || hidden % heads != 0
                || hidden % 32 != 0 || ffn % 32 != 0 || hidden < 32 || ffn < 32 || vocab < 3 || (hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("shape: invalid llama shape " + blocks + "x" + hidden + " heads " + heads + "/" + kvHeads
                    + " ffn " + ffn + " vocab " + vocab);
        }
    }

    /** One tensor of the file: name, type and ggml dimensions (ne0 first). */
    public record Tensor(String name, GgmlType type, long[] dims) {
        /** Exact bytes of the tensor's data. */
        public long bytes() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n / type.blockSize() * type.bytesPerBlock();
        }
    }

    /** The same shape in another weight format. */
    public SyntheticGguf withFormat(GgmlType f) {
        return new SyntheticGguf(name, blocks, hidden, heads, kvHeads, ffn, vocab, f);
    }

    /** The tensors llama.cpp's llama graph loads, in file order. */
    public List<Tensor> tensors() {
        long kv = (long) hidden / heads * kvHeads;
        List<Tensor> t = new ArrayList<>();
        t.add(new Tensor("token_embd.weight", format, new long[] {hidden, vocab}));
        for (int b = 0; b < blocks; b++) {
            String p = "blk." + b + ".";
            t.add(new Tensor(p + "attn_norm.weight", GgmlType.F32, new long[] {hidden}));
            t.add(new Tensor(p + "attn_q.weight", format, new long[] {hidden, hidden}));
            t.add(new Tensor(p + "attn_k.weight", format, new long[] {hidden, kv}));
            t.add(new Tensor(p + "attn_v.weight", format, new long[] {hidden, kv}));
            t.add(new Tensor(p + "attn_output.weight", format, new long[] {hidden, hidden}));
            t.add(new Tensor(p + "ffn_norm.weight", GgmlType.F32, new long[] {hidden}));
            t.add(new Tensor(p + "ffn_gate.weight", format, new long[] {hidden, ffn}));
            t.add(new Tensor(p + "ffn_down.weight", format, new long[] {ffn, hidden}));
            t.add(new Tensor(p + "ffn_up.weight", format, new long[] {hidden, ffn}));
        }
        t.add(new Tensor("output_norm.weight", GgmlType.F32, new long[] {hidden}));
        t.add(new Tensor("output.weight", format, new long[] {hidden, vocab}));
        return t;
    }

    /** Bytes of all tensor data (without padding). */
    public long tensorBytes() {
        return tensors().stream().mapToLong(Tensor::bytes).sum();
    }

    /** Bytes of the weights one decoded token reads: every matrix but the embedding table (a row lookup). */
    public long decodeBytes() {
        return tensors().stream().filter(x -> !x.name().equals("token_embd.weight")).mapToLong(Tensor::bytes).sum();
    }

    /** Writes the file with weights drawn from {@code seed}. */
    public void write(Path file, long seed) {
        try (OutputStream raw = Files.newOutputStream(file); Out out = new Out(new BufferedOutputStream(raw, 1 << 20))) {
            write(out, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Out out, long seed) throws IOException {
        List<Tensor> ts = tensors();
        int headDim = hidden / heads;
        out.u32(GgufReader.MAGIC);
        out.u32(3);
        out.u64(ts.size());
        out.u64(15);
        out.kvString("general.architecture", "llama");
        out.kvString("general.name", name);
        out.kvU32("general.alignment", ALIGNMENT);
        out.kvU32("llama.block_count", blocks);
        out.kvU32("llama.context_length", 4096);
        out.kvU32("llama.embedding_length", hidden);
        out.kvU32("llama.feed_forward_length", ffn);
        out.kvU32("llama.attention.head_count", heads);
        out.kvU32("llama.attention.head_count_kv", kvHeads);
        out.kvU32("llama.rope.dimension_count", headDim);
        out.kvF32("llama.rope.freq_base", 10000f);
        out.kvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        out.kvU32("llama.vocab_size", vocab);
        out.kvString("tokenizer.ggml.model", "llama");
        out.key("tokenizer.ggml.tokens");
        out.u32(GgufValueType.ARRAY.id());
        out.u32(GgufValueType.STRING.id());
        out.u64(vocab);
        for (int i = 0; i < vocab; i++) {
            out.str(i == 0 ? "<unk>" : i == 1 ? "<s>" : i == 2 ? "</s>" : "t" + i);
        }
        long offset = 0;
        for (Tensor t : ts) {
            out.str(t.name());
            out.u32(t.dims().length);
            for (long d : t.dims()) {
                out.u64(d);
            }
            out.u32(t.type().id());
            out.u64(offset);
            offset = pad(offset + t.bytes());
        }
        out.padTo(ALIGNMENT);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Tensor t : ts) {
            long start = out.count;
            data(out, t, rnd);
            if (t != ts.get(ts.size() - 1)) {
                out.zeros(pad(out.count - start) - (out.count - start));
            }
        }
    }

    private static long pad(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static void data(Out out, Tensor t, SplittableRandom rnd) throws IOException {
        long weights = 1;
        for (long d : t.dims()) {
            weights *= d;
        }
        byte[] buf = new byte[34];
        switch (t.type()) {
            case F32 -> {
                for (long i = 0; i < weights; i++) {
                    out.u32(Float.floatToIntBits(1f) & 0xffffffffL);
                }
            }
            case F16 -> {
                for (long i = 0; i < weights; i++) {
                    out.u16(randomHalf(rnd));
                }
            }
            case Q8_0 -> {
                for (long b = 0; b < weights / 32; b++) {
                    out.u16(SCALE);
                    for (int i = 0; i < 32; i++) {
                        buf[i] = (byte) rnd.nextInt(256);
                    }
                    out.write(buf, 0, 32);
                }
            }
            case Q4_0 -> {
                for (long b = 0; b < weights / 32; b++) {
                    out.u16(SCALE);
                    for (int i = 0; i < 16; i++) {
                        buf[i] = (byte) rnd.nextInt(256);
                    }
                    out.write(buf, 0, 16);
                }
            }
            case Q4_K -> {
                byte[] block = new byte[140];
                for (long b = 0; b < weights / 256; b++) {
                    out.u16(SCALE);
                    out.u16(SCALE);
                    for (int i = 0; i < block.length; i++) {
                        block[i] = (byte) rnd.nextInt(256);
                    }
                    out.write(block, 0, block.length);
                }
            }
            case Q6_K -> {
                byte[] block = new byte[208];
                for (long b = 0; b < weights / 256; b++) {
                    for (int i = 0; i < block.length; i++) {
                        block[i] = (byte) rnd.nextInt(256);
                    }
                    out.write(block, 0, block.length);
                    out.u16(SCALE);
                }
            }
            default -> throw new IllegalStateException(t.type().toString());
        }
    }

    /** fp16 bits of 2^-10 (about 0.001), the block scale: small enough that random activations stay finite. */
    static final int SCALE = 0x1400;

    /** A random finite half with magnitude in [2^-12, 2^-7): sign, exponent 3..7, random mantissa. */
    static int randomHalf(SplittableRandom rnd) {
        int sign = rnd.nextInt(2) << 15;
        int exp = 3 + rnd.nextInt(5);
        return sign | (exp << 10) | rnd.nextInt(1024);
    }

    private static final class Out implements AutoCloseable {
        private final OutputStream os;
        long count;

        Out(OutputStream os) { this.os = os; }

        void write(byte[] b, int off, int len) throws IOException { os.write(b, off, len); count += len; }

        void u8(int v) throws IOException { os.write(v); count++; }

        void u16(int v) throws IOException { u8(v & 0xff); u8((v >>> 8) & 0xff); }

        void u32(long v) throws IOException { for (int i = 0; i < 4; i++) { u8((int) (v >>> (8 * i)) & 0xff); } }

        void u64(long v) throws IOException { for (int i = 0; i < 8; i++) { u8((int) (v >>> (8 * i)) & 0xff); } }

        void zeros(long n) throws IOException { for (long i = 0; i < n; i++) { u8(0); } }

        void padTo(int a) throws IOException { zeros(pad(count) - count); }

        void str(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            write(b, 0, b.length);
        }

        void key(String k) throws IOException { str(k); }

        void kvString(String k, String v) throws IOException { key(k); u32(GgufValueType.STRING.id()); str(v); }

        void kvU32(String k, long v) throws IOException { key(k); u32(GgufValueType.UINT32.id()); u32(v); }

        void kvF32(String k, float v) throws IOException { key(k); u32(GgufValueType.FLOAT32.id()); u32(Float.floatToIntBits(v) & 0xffffffffL); }

        @Override
        public void close() throws IOException { os.close(); }
    }
}
