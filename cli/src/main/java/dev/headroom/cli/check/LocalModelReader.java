package dev.headroom.cli.check;

import dev.headroom.sizing.model.ModelArchitecture;
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
     * The reader {@code headroom check} uses. MERGE HOOK: when the catalog module offers readers of
     * GGUF headers, safetensors headers and {@code config.json}, return a reader that dispatches to
     * them here; until then local paths are reported as unsupported (exit code 2), never guessed.
     */
    static LocalModelReader installed() {
        return path -> {
            throw new IllegalArgumentException("'" + path + "' is a local model; reading GGUF, safetensors and config.json "
                    + "files is not available in this build yet; use a catalog id such as llama-3-8b");
        };
    }
}
