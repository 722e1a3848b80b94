package dev.headroom.catalog;

import dev.headroom.catalog.files.BoundedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * User catalogs: {@code *.yaml}, {@code *.yml} and {@code *.json} files in {@code <config dir>/models/}
 * (the config dir is {@code $HEADROOM_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/headroom}, else
 * {@code ~/.config/headroom}) and files named with {@code --catalog}. They overlay the bundled catalog:
 * same id replaces, new id adds. Problems of all files are reported together.
 */
public final class UserCatalogs {
    /** User catalog files larger than this are refused (a catalog of thousands of models is well below). */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private UserCatalogs() {
    }

    /** The config directory for an environment and home directory. */
    public static Path configDir(Map<String, String> env, Path home) {
        String dir = env.get("HEADROOM_CONFIG_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "headroom");
        }
        return home.resolve(".config").resolve("headroom");
    }

    /** Catalog files in {@code configDir/models}, sorted by name; empty when the folder does not exist. */
    public static List<Path> filesIn(Path configDir) {
        Path models = configDir.resolve("models");
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(models)) {
            return s.filter(p -> isCatalogFile(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new CatalogException(List.of(models + ": cannot list: " + e.getMessage()));
        }
    }

    /** The bundled catalog with the given user files on top. */
    public static ModelCatalog load(List<Path> files) {
        ModelCatalog base = ModelCatalog.bundled();
        if (files.isEmpty()) {
            return base;
        }
        List<CatalogModel> overlay = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                overlay.addAll(read(f));
            } catch (CatalogException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return base.overlay(overlay);
    }

    static List<CatalogModel> read(Path f) {
        byte[] bytes;
        try {
            bytes = BoundedFiles.readAll(f, MAX_FILE_BYTES, "user catalog");
        } catch (BoundedFiles.InputFileException e) {
            throw new CatalogException(List.of(e.getMessage()));
        }
        return ModelCatalogReader.read(f.toString(), new ByteArrayInputStream(bytes),
                !f.toString().toLowerCase(Locale.ROOT).endsWith(".json"));
    }

    private static boolean isCatalogFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }
}
