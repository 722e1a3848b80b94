package dev.headroom.cli.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.headroom.catalog.CatalogException;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.ModelCatalogReader;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.cli.Table;
import dev.headroom.sizing.quant.Names;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom catalog list [--domain D] [--task T]}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List catalog models, optionally of one domain or task.")
public final class CatalogListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions options;

    @Option(names = "--domain", paramLabel = "D", description = "vision, nlp, audio, embeddings, llm, multimodal, time-series, tabular, generative")
    String domain;

    @Option(names = "--task", paramLabel = "T", description = "A task such as image-classification, speech-recognition, code-generation.")
    String task;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelCatalog catalog;
        try {
            catalog = options.load();
        } catch (CatalogException e) {
            return Format.problems(spec.commandLine().getErr(), e);
        }
        List<CatalogModel> models = filtered(catalog, domain, task);
        print(out, models, options.json);
        return ExitCodes.OK;
    }

    /** Models of a domain and task, checking both names (a typo is an error, not an empty list). */
    static List<CatalogModel> filtered(ModelCatalog catalog, String domain, String task) {
        if (domain != null && !ModelCatalogReader.DOMAINS.contains(domain.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("domain: '" + domain + "' is not a domain; did you mean '"
                    + Names.nearest(domain, ModelCatalogReader.DOMAINS) + "'?");
        }
        if (task != null) {
            java.util.Set<String> tasks = new java.util.TreeSet<>();
            catalog.all().forEach(m -> tasks.addAll(m.tasks()));
            if (!tasks.contains(task.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("task: '" + task + "' is not a catalog task; did you mean '" + Names.nearest(task, tasks) + "'?");
            }
        }
        return catalog.filter(domain, task);
    }

    static void print(PrintWriter out, List<CatalogModel> models, boolean json) {
        if (json) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            models.forEach(m -> a.add(ModelJson.model(m)));
            out.println(Json.write(a));
            return;
        }
        Table t = new Table("id", "domains", "category", "params>", "local", "runtimes");
        for (CatalogModel m : models) {
            t.row(m.id(), String.join(",", m.domains()), m.category(), Format.parameters(m), m.hostable() ? "yes" : "API only",
                    Format.limit(String.join(", ", m.runtimes()), 40));
        }
        t.print(out);
        out.println(models.size() + " models. params: exact; ~ rounded by its publisher; ≈ estimate; data = depends on the training data.");
    }
}
