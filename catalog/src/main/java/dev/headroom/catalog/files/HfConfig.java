package dev.headroom.catalog.files;

import dev.headroom.sizing.model.ModelArchitecture;

/**
 * What a Hugging Face {@code config.json} says about a model.
 *
 * @param file the file read
 * @param modelType {@code model_type} ({@code llama}, {@code bert}, ...), "" when absent
 * @param architectureClass first entry of {@code architectures}, "" when absent
 * @param architecture the decoder shape, or null when the config is not a decoder-only transformer the
 *                     engine can represent (encoder-decoder models such as T5 and Whisper, CNNs)
 * @param torchDtype {@code torch_dtype} ("bfloat16", ...), "" when absent
 * @param quantMethod {@code quantization_config.quant_method} ("gptq", "awq", "fp8", ...), "" when not quantized
 * @param quantBits {@code quantization_config.bits}, 0 when absent
 * @param note why there is no architecture, or "" when there is one
 */
public record HfConfig(String file, String modelType, String architectureClass, ModelArchitecture architecture,
                       String torchDtype, String quantMethod, int quantBits, String note) {
    public boolean hasArchitecture() {
        return architecture != null;
    }
}
