package dev.headroom.catalog.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a scan looks: the home directory and the environment variables that move the caches.
 *
 * <p>Sources: Hugging Face hub docs "Manage the cache" ({@code HF_HUB_CACHE}, {@code HF_HOME}, default
 * {@code ~/.cache/huggingface/hub}); Ollama FAQ "Where are models stored?" ({@code OLLAMA_MODELS}, default
 * {@code ~/.ollama/models}); LM Studio docs ({@code ~/.lmstudio/models}, older {@code ~/.cache/lm-studio/models}).
 *
 * @param home the user's home directory
 * @param env environment variables
 */
public record ScanEnvironment(Path home, Map<String, String> env) {
    public ScanEnvironment {
        if (home == null) {
            throw new IllegalArgumentException("home: missing");
        }
        env = Map.copyOf(env);
    }

    /** This process's environment and home. */
    public static ScanEnvironment current() {
        return new ScanEnvironment(Path.of(System.getProperty("user.home")), System.getenv());
    }

    public Path huggingFaceHub() {
        String hub = env.get("HF_HUB_CACHE");
        if (hub != null && !hub.isBlank()) {
            return Path.of(hub);
        }
        String hf = env.get("HF_HOME");
        if (hf != null && !hf.isBlank()) {
            return Path.of(hf, "hub");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "huggingface", "hub");
        }
        return home.resolve(".cache/huggingface/hub");
    }

    public Path ollamaModels() {
        String o = env.get("OLLAMA_MODELS");
        return o != null && !o.isBlank() ? Path.of(o) : home.resolve(".ollama/models");
    }

    public List<Path> lmStudioModels() {
        List<Path> out = new ArrayList<>();
        out.add(home.resolve(".lmstudio/models"));
        out.add(home.resolve(".cache/lm-studio/models"));
        return out;
    }
}
