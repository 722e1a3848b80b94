package dev.headroom.catalog.scan;

import dev.headroom.catalog.files.ModelFiles;

/**
 * A model found on disk.
 *
 * @param source {@code huggingface}, {@code ollama}, {@code lmstudio} or {@code folder}
 * @param name the name its tool knows it by ({@code Qwen/Qwen2.5-7B}, {@code llama3:8b}, a file name)
 * @param path where it is
 * @param files what its files say, exactly; null when they could not be read
 * @param error why they could not be read, "" when they could
 */
public record FoundModel(String source, String name, String path, ModelFiles files, String error) {
    public FoundModel {
        error = error == null ? "" : error;
    }

    public boolean readable() {
        return files != null;
    }
}
