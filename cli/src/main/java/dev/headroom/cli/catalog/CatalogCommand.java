package dev.headroom.cli.catalog;

import dev.headroom.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom catalog}: the models headroom knows, and the model files on this machine. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Browse the model catalog, read local model files exactly, and scan model caches.",
        subcommands = {CatalogListCommand.class, CatalogShowCommand.class, CatalogSearchCommand.class,
                CatalogImportCommand.class, CatalogScanCommand.class, CatalogDevicesCommand.class})
public final class CatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
