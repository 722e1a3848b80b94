package dev.headroom.catalog.files;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import java.util.List;
import java.util.Map;

/**
 * What the files of one local model say, exactly.
 *
 * @param path the file or directory inspected
 * @param format {@code gguf} or {@code safetensors}
 * @param files files read
 * @param fileBytes bytes of those files on disk
 * @param tensorBytes exact bytes of the tensor data
 * @param tensorCount number of tensors
 * @param parameters logical weight count (packed integer weights expanded, quantization metadata excluded)
 * @param bytesByType exact tensor bytes per storage type (GGML type or safetensors dtype)
 * @param architecture the decoder shape from the file's metadata or config.json, or null when there is none
 * @param name a name for the model (GGUF {@code general.name}, the directory or file name)
 * @param notes what else was found (quantization method, index consistency, why there is no architecture)
 * @param precision the weights' precision (GGUF {@code general.file_type}, the checkpoint's dtype or quantization
 *     method), or null when the file does not say; the architecture then carries the file's exact bytes at it
 */
public record ModelFiles(String path, String format, List<String> files, long fileBytes, long tensorBytes, int tensorCount,
                         long parameters, Map<String, Long> bytesByType, ModelArchitecture architecture, String name,
                         List<String> notes, Precision precision) {
    public ModelFiles {
        files = List.copyOf(files);
        bytesByType = Map.copyOf(bytesByType);
        notes = List.copyOf(notes);
    }

    /** Files whose precision is not known. */
    public ModelFiles(String path, String format, List<String> files, long fileBytes, long tensorBytes, int tensorCount,
                      long parameters, Map<String, Long> bytesByType, ModelArchitecture architecture, String name,
                      List<String> notes) {
        this(path, format, files, fileBytes, tensorBytes, tensorCount, parameters, bytesByType, architecture, name, notes, null);
    }

    public boolean hasArchitecture() {
        return architecture != null;
    }
}
