package dev.headroom.sizing.fit;

/**
 * llama.cpp partial offload ({@code -ngl}): the last {@code gpuLayers} blocks on the GPU, the rest and
 * the token embeddings in host memory; with every block offloaded the output head goes too.
 *
 * @param gpuLayers blocks on the GPU (0..layers; layers + 1 means the output head as well, as llama.cpp counts)
 * @param layers blocks in the model
 * @param gpuBytes device memory used: offloaded weights and their KV cache, compute buffer, overhead
 * @param hostBytes host memory used: the remaining weights and KV cache
 */
public record OffloadPlan(int gpuLayers, int layers, long gpuBytes, long hostBytes) {
    public boolean fullyOffloaded() {
        return gpuLayers > layers;
    }
}
