package dev.headroom.probe.disk;

import dev.headroom.sizing.hardware.DiskInfo;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free space where models live. The directories follow each tool's documented variables:
 * Hugging Face: {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else {@code ~/.cache/huggingface/hub};
 * Ollama: {@code OLLAMA_MODELS}, else {@code ~/.ollama/models}; and the working directory. A directory
 * that does not exist yet is measured at its nearest existing parent (where it would be created).
 */
public final class ModelDiskProbe {
    private ModelDiskProbe() {
    }

    /** The directories to measure, by purpose, from an environment and a home and working directory. */
    public static Map<String, Path> modelDirectories(Map<String, String> env, Path home, Path workingDir) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        Path hf = path(env.get("HF_HUB_CACHE"));
        if (hf == null) {
            Path hfHome = path(env.get("HF_HOME"));
            hf = hfHome != null ? hfHome.resolve("hub") : home.resolve(".cache/huggingface/hub");
        }
        dirs.put("huggingface", hf);
        Path ollama = path(env.get("OLLAMA_MODELS"));
        dirs.put("ollama", ollama != null ? ollama : home.resolve(".ollama/models"));
        dirs.put("working-dir", workingDir);
        return dirs;
    }

    /** Measures each directory; one that cannot be measured is left out and reported in {@code problems}. */
    public static List<DiskInfo> measure(Map<String, Path> dirs, List<String> problems) {
        List<DiskInfo> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            Path existing = nearestExisting(e.getValue().toAbsolutePath());
            if (existing == null) {
                problems.add("disk " + e.getKey() + ": no existing parent of " + e.getValue());
                continue;
            }
            try {
                FileStore store = Files.getFileStore(existing);
                out.add(new DiskInfo(e.getKey(), e.getValue().toString(), store.getUsableSpace(), store.getTotalSpace()));
            } catch (IOException | RuntimeException ex) {
                problems.add("disk " + e.getKey() + ": cannot measure " + existing + ": " + ex.getMessage());
            }
        }
        return out;
    }

    static Path nearestExisting(Path p) {
        Path dir = p;
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static Path path(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
