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

    /**
     * How to name this model in {@code size}, {@code check}, {@code fit} and dashboard watch items, whatever the
     * catalog holds: {@code ollama:NAME}, {@code hf:ORG/REPO[/FILE.gguf]}, or the absolute path of a file or folder.
     */
    public String reference() {
        return switch (source) {
            case "ollama" -> "ollama:" + name;
            case "huggingface" -> "hf:" + name;
            default -> java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
        };
    }
}
