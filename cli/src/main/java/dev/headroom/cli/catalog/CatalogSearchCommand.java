package dev.headroom.cli.catalog;

import dev.headroom.catalog.CatalogException;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.cli.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom catalog search WORDS...}: models whose id, name, family, aliases, domains or tasks contain every word. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Find catalog models by words (id, name, alias, family, domain, task).")
public final class CatalogSearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions options;

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "Words that must all appear.")
    List<String> words;

    @Option(names = "--domain", paramLabel = "D", description = "Only this domain.")
    String domain;

    @Option(names = "--task", paramLabel = "T", description = "Only this task.")
    String task;

    @Override
    public Integer call() {
        ModelCatalog catalog;
        try {
            catalog = options.load();
        } catch (CatalogException e) {
            return Format.problems(spec.commandLine().getErr(), e);
        }
        List<CatalogModel> allowed = CatalogListCommand.filtered(catalog, domain, task);
        List<CatalogModel> found = catalog.search(String.join(" ", words)).stream().filter(allowed::contains).toList();
        CatalogListCommand.print(spec.commandLine().getOut(), found, options.json);
        return ExitCodes.OK;
    }
}
