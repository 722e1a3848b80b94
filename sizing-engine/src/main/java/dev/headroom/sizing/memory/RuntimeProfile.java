package dev.headroom.sizing.memory;

import java.util.List;
import java.util.Locale;

/**
 * What an inference runtime adds around weights and KV cache, as data. The compute buffer is modelled
 * as llama.cpp's graph allocator sizes it: logits for one micro-batch plus attention scratch for one
 * layer, {@code 4 bytes x ubatch x (vocab + context)}, plus a fixed per-process overhead (CUDA context,
 * allocator slack).
 *
 * @param name the runtime's name as users type it
 * @param microBatchTokens tokens per micro-batch of the compute graph (llama.cpp {@code n_ubatch}, default 512)
 * @param fixedOverheadBytes per-process memory beyond buffers (driver context, runtime heap)
 * @param source where the defaults were taken from
 */
public record RuntimeProfile(String name, int microBatchTokens, long fixedOverheadBytes, String source) {
    /** llama.cpp defaults: n_ubatch = 512 (common/common.h); ~300 MiB CUDA context on a typical driver. */
    public static final RuntimeProfile LLAMA_CPP = new RuntimeProfile("llama.cpp", 512, 300L << 20,
            "llama.cpp common/common.h defaults (n_batch 2048, n_ubatch 512); CUDA context ~300 MiB (DEFAULT)");

    public static final List<RuntimeProfile> BUILT_IN = List.of(LLAMA_CPP);

    public RuntimeProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("runtime name: missing");
        }
        if (microBatchTokens <= 0) {
            throw new IllegalArgumentException("microBatchTokens: must be positive, was " + microBatchTokens);
        }
        if (fixedOverheadBytes < 0) {
            throw new IllegalArgumentException("fixedOverheadBytes: must not be negative, was " + fixedOverheadBytes);
        }
    }

    public static RuntimeProfile parse(String text) {
        for (RuntimeProfile p : BUILT_IN) {
            if (p.name.equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("runtime: unknown '" + text + "'; valid: "
                + String.join(", ", BUILT_IN.stream().map(RuntimeProfile::name).toList()).toLowerCase(Locale.ROOT));
    }
}
