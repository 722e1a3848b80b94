package dev.headroom.cli.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Minimal real GGUF v3 and safetensors files for command tests (the catalog module tests the readers in depth). */
final class TestFiles {
    private TestFiles() {
    }

    /**
     * A llama GGUF with 2 blocks, hidden 256, 4 heads (2 kv), ffn 512, vocab 8, and two tensors:
     * token_embd Q8_0 256x8 (2048 weights / 32 x 34 = 2,176 bytes) and output F16 256x8 (4,096 bytes).
     */
    static byte[] gguf() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u32(o, 0x46554747L);
        u32(o, 3);
        u64(o, 2);
        u64(o, 8);
        kvString(o, "general.architecture", "llama");
        kvString(o, "general.name", "cli tiny");
        kvU32(o, "llama.block_count", 2);
        kvU32(o, "llama.embedding_length", 256);
        kvU32(o, "llama.feed_forward_length", 512);
        kvU32(o, "llama.attention.head_count", 4);
        kvU32(o, "llama.attention.head_count_kv", 2);
        kvU32(o, "llama.vocab_size", 8);
        tensor(o, "token_embd.weight", 8, 0);
        tensor(o, "output.weight", 1, 2176 + 32 - 2176 % 32);
        while (o.size() % 32 != 0) {
            o.write(0);
        }
        o.writeBytes(new byte[2176 + 32 - 2176 % 32 + 4096]);
        return o.toByteArray();
    }

    /** A safetensors file with one BF16 tensor of 64 x 32 (4,096 bytes). */
    static byte[] safetensors() {
        byte[] json = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[64,32],\"data_offsets\":[0,4096]}}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u64(o, json.length);
        o.writeBytes(json);
        o.writeBytes(new byte[4096]);
        return o.toByteArray();
    }

    private static void tensor(ByteArrayOutputStream o, String name, int type, long offset) {
        str(o, name);
        u32(o, 2);
        u64(o, 256);
        u64(o, 8);
        u32(o, type);
        u64(o, offset);
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
