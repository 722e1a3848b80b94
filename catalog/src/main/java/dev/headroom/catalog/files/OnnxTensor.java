package dev.headroom.catalog.files;

import java.util.List;

/**
 * One initializer of an ONNX graph.
 *
 * @param name tensor name
 * @param type element type
 * @param dims shape ({@code []} for a scalar)
 * @param elements product of the dims
 * @param bytes exact bytes of its data (raw_data length, typed fields, or the external length)
 * @param externalFile the external-data file relative to the model's directory, "" when stored inline
 */
public record OnnxTensor(String name, OnnxDtype type, List<Long> dims, long elements, long bytes, String externalFile) {
    public OnnxTensor {
        dims = List.copyOf(dims);
        externalFile = externalFile == null ? "" : externalFile;
    }

    public boolean external() {
        return !externalFile.isEmpty();
    }
}
