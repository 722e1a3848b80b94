package dev.headroom.sizing.model;

import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.List;
import java.util.Map;

/**
 * The exact weight bytes of one model file (a GGUF file or safetensors shards), read from its tensor table:
 * when an architecture carries them ({@link ModelArchitecture#fileWeights()}) and a request asks for the file's
 * own precision, the engine's weight sizer returns these bytes instead of computing them, so memory, partial
 * offload (bytes per layer) and speed (bytes read per token) all follow the file.
 *
 * @param precision the file's weight precision (GGUF {@code general.file_type}, or the safetensors dtype)
 * @param totalBytes bytes of all tensor data
 * @param outsideBytes bytes of the tensors outside the blocks (embeddings, output head, final norm)
 * @param tokenEmbeddingBytes bytes of the token-embedding table ({@code token_embd.weight}), 0 when unknown
 * @param layerBytes bytes of each block's tensors ({@code blk.N.*}), one entry per layer of the architecture
 * @param bytesReadPerToken bytes one decoded token reads (routed experts scaled by experts per token, one
 *     embedding row unless the table is also the output head)
 * @param bytesByType tensor bytes per GGML type (empty for safetensors files)
 * @param source the file read, for notes
 */
public record FileWeights(Precision precision, long totalBytes, long outsideBytes, long tokenEmbeddingBytes,
                          List<Long> layerBytes, long bytesReadPerToken, Map<GgmlType, Long> bytesByType, String source) {
    public FileWeights {
        if (precision == null) {
            throw new IllegalArgumentException("file weights: precision missing");
        }
        layerBytes = List.copyOf(layerBytes);
        bytesByType = Map.copyOf(bytesByType);
        source = source == null ? "" : source;
        if (totalBytes <= 0 || outsideBytes < 0 || tokenEmbeddingBytes < 0 || tokenEmbeddingBytes > outsideBytes
                || bytesReadPerToken < 0 || bytesReadPerToken > totalBytes) {
            throw new IllegalArgumentException("file weights: inconsistent byte counts (total " + totalBytes + ", outside "
                    + outsideBytes + ", token embedding " + tokenEmbeddingBytes + ", per token " + bytesReadPerToken + ")");
        }
        long sum = outsideBytes;
        for (long b : layerBytes) {
            if (b < 0) {
                throw new IllegalArgumentException("file weights: negative layer bytes " + b);
            }
            sum = Math.addExact(sum, b);
        }
        if (sum != totalBytes) {
            throw new IllegalArgumentException("file weights: layers and outside tensors sum to " + sum + ", not the total " + totalBytes);
        }
    }

    /** Bytes of one block. */
    public long layer(int layer) {
        return layerBytes.get(layer);
    }

    /** Whether these bytes answer a request at {@code p}: only the file's own precision is exact. */
    public boolean answers(Precision p) {
        return precision == p;
    }
}
