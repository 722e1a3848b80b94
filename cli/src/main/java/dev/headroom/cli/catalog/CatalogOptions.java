package dev.headroom.cli.catalog;

import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.UserCatalogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the catalog commands: which catalogs to load, and the output format. */
public final class CatalogOptions {
    @Option(names = "--catalog", paramLabel = "FILE", description = "A user catalog (YAML or JSON, schema headroom-models/1) to overlay; repeatable.")
    List<Path> catalogs = new ArrayList<>();

    @Option(names = "--config-dir", paramLabel = "DIR", hidden = true,
            description = "Config directory whose models/*.yaml overlay the catalog (default $HEADROOM_CONFIG_DIR or ~/.config/headroom).")
    Path configDir;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /**
     * The bundled catalog with the user catalogs of the config directory and {@code --catalog} on top.
     *
     * @throws dev.headroom.catalog.CatalogException with every problem of every file
     */
    public ModelCatalog load() {
        Path dir = configDir != null ? configDir
                : UserCatalogs.configDir(System.getenv(), Path.of(System.getProperty("user.home")));
        List<Path> files = new ArrayList<>(UserCatalogs.filesIn(dir));
        files.addAll(catalogs);
        return UserCatalogs.load(files);
    }
}
