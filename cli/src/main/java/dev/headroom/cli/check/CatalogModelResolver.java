package dev.headroom.cli.check;

import dev.headroom.advisor.check.ResolvedModel;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves catalog ids and aliases (Hugging Face repo ids included) first, then existing paths
 * through a {@link LocalModelReader}; anything else is an error naming the nearest catalog id.
 */
public final class CatalogModelResolver implements ModelResolver {
    private final ModelCatalog catalog;
    private final LocalModelReader localFiles;

    public CatalogModelResolver(ModelCatalog catalog, LocalModelReader localFiles) {
        this.catalog = catalog;
        this.localFiles = localFiles;
    }

    /** The bundled catalog and the installed local-file reader. */
    public static CatalogModelResolver bundled() {
        return new CatalogModelResolver(ModelCatalog.bundled(), LocalModelReader.installed());
    }

    @Override
    public ResolvedModel resolve(String reference, Path baseDirectory) {
        String ref = reference.trim();
        if (catalog.contains(ref)) {
            CatalogModel m = catalog.get(ref);
            if (!m.hasArchitecture() || !m.hostable()) {
                throw new IllegalArgumentException("'" + ref + "' (" + m.id() + ") cannot be hosted locally, so it has no memory to check");
            }
            return new ResolvedModel(ref, m.id(), m.architecture(), "catalog");
        }
        Path path = asPath(ref, baseDirectory);
        if (path != null && Files.exists(path)) {
            Path absolute = path.toAbsolutePath().normalize();
            Path name = absolute.getFileName();
            return new ResolvedModel(ref, name == null ? absolute.toString() : name.toString(), localFiles.read(absolute), absolute.toString());
        }
        if (looksLikePath(ref)) {
            throw new IllegalArgumentException("'" + ref + "' is neither a catalog id nor an existing file or folder"
                    + (path == null ? "" : " (looked for " + path.toAbsolutePath().normalize() + ")"));
        }
        catalog.get(ref); // throws, naming the nearest catalog id
        throw new IllegalStateException("catalog.contains and catalog.get disagree on '" + ref + "'");
    }

    private static Path asPath(String ref, Path baseDirectory) {
        try {
            Path p = Path.of(ref.startsWith("~/") ? System.getProperty("user.home") + ref.substring(1) : ref);
            return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean looksLikePath(String ref) {
        String lower = ref.toLowerCase(Locale.ROOT);
        return ref.startsWith(".") || ref.startsWith("/") || ref.startsWith("~") || ref.contains("\\")
                || lower.endsWith(".gguf") || lower.endsWith(".safetensors") || lower.endsWith(".json");
    }
}
