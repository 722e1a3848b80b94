package dev.headroom.advisor.models;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real GGUF v3 file (ggml/docs/gguf.md: header, metadata key/values, tensor infos, data aligned to 32 bytes) of a
 * complete two-block llama (hidden 256, 4 heads, 2 KV heads, FFN 512, vocab 512), zero-filled, written as
 * llama-quantize writes a Q4_K_M file except that block 1's ffn_down is Q8_0: exact bytes that the engine's own
 * type planner would not produce, so a test can tell the file's bytes from a computed estimate.
 *
 * <p>Bytes per block of 256 weights (ggml/src/ggml-common.h): Q4_K 144, Q6_K 210; Q8_0 34 per 32; F32 4 per weight.
 */
public final class TinyGguf {
    /** ggml_type ids (ggml/include/ggml.h). */
    public static final int F32 = 0;
    public static final int Q8_0 = 8;
    public static final int Q4_K = 12;
    public static final int Q6_K = 14;
    /** llama_ftype LLAMA_FTYPE_MOSTLY_Q4_K_M (llama.cpp include/llama.h). */
    public static final int FTYPE_Q4_K_M = 15;

    /** Block 0: norms 2,048 + q 36,864 + k 18,432 + v (Q6_K) 26,880 + o 36,864 + gate 73,728 + up 73,728 + down (Q6_K) 107,520. */
    public static final long BLOCK0 = 376_064;
    /** Block 1: as block 0 with ffn_down Q8_0 (131,072 / 32 x 34 = 139,264) instead of Q6_K. */
    public static final long BLOCK1 = 407_808;
    /** token_embd Q4_K 73,728 + output_norm 1,024 + output Q6_K 107,520. */
    public static final long OUTSIDE = 182_272;
    public static final long TOKEN_EMBEDDING = 73_728;
    public static final long TOTAL = BLOCK0 + BLOCK1 + OUTSIDE;
    /** Every block tensor, the output head and norm, and one of the 512 embedding rows (73,728 / 512 = 144). */
    public static final long PER_TOKEN = BLOCK0 + BLOCK1 + 1_024 + 107_520 + 144;

    private record Tensor(String name, int type, long[] dims, long bytes) {
    }

    private TinyGguf() {
    }

    public static byte[] bytes() {
        return bytes(FTYPE_Q4_K_M);
    }

    public static byte[] bytes(int fileType) {
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(t("token_embd.weight", Q4_K, 256, 512));
        for (int b = 0; b < 2; b++) {
            String p = "blk." + b + ".";
            tensors.add(t(p + "attn_norm.weight", F32, 256));
            tensors.add(t(p + "attn_q.weight", Q4_K, 256, 256));
            tensors.add(t(p + "attn_k.weight", Q4_K, 256, 128));
            tensors.add(t(p + "attn_v.weight", Q6_K, 256, 128));
            tensors.add(t(p + "attn_output.weight", Q4_K, 256, 256));
            tensors.add(t(p + "ffn_norm.weight", F32, 256));
            tensors.add(t(p + "ffn_gate.weight", Q4_K, 256, 512));
            tensors.add(t(p + "ffn_up.weight", Q4_K, 256, 512));
            tensors.add(t(p + "ffn_down.weight", b == 1 ? Q8_0 : Q6_K, 512, 256));
        }
        tensors.add(t("output_norm.weight", F32, 256));
        tensors.add(t("output.weight", Q6_K, 256, 512));

        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u32(o, 0x46554747L); // "GGUF"
        u32(o, 3);
        u64(o, tensors.size());
        u64(o, 10);
        kvString(o, "general.architecture", "llama");
        kvString(o, "general.name", "tiny test llama");
        kvU32(o, "general.file_type", fileType);
        kvU32(o, "llama.block_count", 2);
        kvU32(o, "llama.context_length", 8192);
        kvU32(o, "llama.embedding_length", 256);
        kvU32(o, "llama.feed_forward_length", 512);
        kvU32(o, "llama.attention.head_count", 4);
        kvU32(o, "llama.attention.head_count_kv", 2);
        kvU32(o, "llama.vocab_size", 512);
        long offset = 0;
        for (Tensor t : tensors) {
            str(o, t.name());
            u32(o, t.dims().length);
            for (long d : t.dims()) {
                u64(o, d);
            }
            u32(o, t.type());
            u64(o, offset);
            offset = align(offset + t.bytes());
        }
        while (o.size() % 32 != 0) {
            o.write(0);
        }
        for (Tensor t : tensors) {
            o.writeBytes(new byte[(int) align(t.bytes())]);
        }
        return o.toByteArray();
    }

    private static Tensor t(String name, int type, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        long bytes = switch (type) {
            case F32 -> n * 4;
            case Q8_0 -> n / 32 * 34;
            case Q4_K -> n / 256 * 144;
            case Q6_K -> n / 256 * 210;
            default -> throw new IllegalArgumentException("type " + type);
        };
        return new Tensor(name, type, dims, bytes);
    }

    private static long align(long v) {
        return (v + 31) / 32 * 32;
    }

    private static void kvString(ByteArrayOutputStream o, String k, String v) {
        str(o, k);
        u32(o, 8);
        str(o, v);
    }

    private static void kvU32(ByteArrayOutputStream o, String k, long v) {
        str(o, k);
        u32(o, 4);
        u32(o, v);
    }

    private static void str(ByteArrayOutputStream o, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(o, b.length);
        o.writeBytes(b);
    }

    private static void u32(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 4; i++) {
            o.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static void u64(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 8; i++) {
            o.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
