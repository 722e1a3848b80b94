package dev.headroom.cli.check;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.catalog.files.ModelFileInspector;
import dev.headroom.catalog.files.ModelFiles;
import java.nio.file.Path;

/**
 * Reads the architecture of a model on disk (a GGUF file, a safetensors file, or a Hugging Face folder
 * with {@code config.json}). This is the one place {@code headroom check} reaches for local files, so
 * that the catalog module's readers plug in here without touching the requirements reader.
 */
@FunctionalInterface
public interface LocalModelReader {
    /**
     * @param path an existing file or folder
     * @throws IllegalArgumentException naming the path when it is not a model headroom can read
     */
    ModelArchitecture read(Path path);

    /**
     * The reader {@code headroom check} uses: the catalog's exact, bounded readers of GGUF headers,
     * safetensors headers and {@code config.json} ({@link ModelFileInspector}). A file they cannot read, or
     * one without architecture metadata, is an invalid input naming the path, never a guess.
     */
    static LocalModelReader installed() {
        return path -> {
            ModelFiles files;
            try {
                files = ModelFileInspector.inspect(path);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + path + "' is a local model headroom cannot read: " + e.getMessage(), e);
            }
            if (!files.hasArchitecture()) {
                throw new IllegalArgumentException("'" + path + "' is a local model without architecture metadata ("
                        + String.join("; ", files.notes()) + ")");
            }
            return files.architecture();
        };
    }
}
