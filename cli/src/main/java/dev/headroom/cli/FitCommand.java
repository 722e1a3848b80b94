package dev.headroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom fit} (and {@code headroom} alone): which catalog models this machine runs, at the best precision that fits. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Probe this machine and show which models fit, at which precision, and how fast.")
public final class FitCommand implements Callable<Integer> {
    /** The precisions the main job tries, best first (issue #2: F16, Q8_0, Q4_K_M, Q4_0). */
    static final List<Precision> LADDER = List.of(Precision.F16, Precision.Q8_0, Precision.Q4_K_M, Precision.Q4_0);

    /** Options shared by {@code headroom} and {@code headroom fit}. */
    public static final class Options {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Option(names = "--context", defaultValue = "4096", description = "Context tokens per sequence (default: ${DEFAULT-VALUE}).")
        long context = 4096;

        @Option(names = "--verbose", description = "Print stack traces of errors.")
        boolean verbose;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Options options;

    @Override
    public Integer call() {
        return run(options, spec.commandLine().getOut());
    }

    /** The main job, shared by {@code headroom} and {@code headroom fit}. */
    static int run(Options options, PrintWriter out) {
        HardwareProfile hw = Machine.probe();
        Estimator estimator = Machine.estimatorFor(hw, AcceleratorCatalog.bundled());
        List<Row> rows = new ArrayList<>();
        for (CatalogModel m : ModelCatalog.bundled().all()) {
            // The main job sizes the language models; other domains have `headroom recommend` and `catalog`.
            if (!m.hasArchitecture() || !m.hostable() || !m.domains().contains("llm")) {
                continue;
            }
            long context = Math.min(options.context, m.architecture().maxContext());
            Estimate e = estimator.bestFit(DeploymentRequest.of(m.architecture(), Precision.F16, context), LADDER);
            rows.add(new Row(m, e));
        }
        if (options.json) {
            out.println(Json.write(json(hw, rows)));
        } else {
            ProbeCommand.printSummary(out, hw);
            out.println();
            table(rows).print(out);
            out.println();
            out.println("Context " + options.context + " tokens (capped at each model's maximum), 1 sequence, llama.cpp, F16 KV cache.");
            out.println("Speeds: " + rows.stream().findFirst().map(r -> r.estimate.speed().inputs().get(2).note()).orElse(""));
        }
        return ExitCodes.OK;
    }

    record Row(CatalogModel model, Estimate estimate) {
    }

    static Table table(List<Row> rows) {
        Table t = new Table("model", "params>", "best fit", "needs>", "left>", "decode tok/s>", "runs on");
        for (Row r : rows) {
            Estimate e = r.estimate;
            boolean fits = e.placement().fits();
            t.row(r.model.id(), String.format(Locale.ROOT, "%.2fB", r.model.parameterCount() / 1e9),
                    fits ? e.request().precision().displayName() : "-",
                    ByteUnits.formatGib(e.memory().totalBytes()),
                    fits ? ByteUnits.formatGib(e.placement().headroomBytes()) : "short " + ByteUnits.formatGib(-e.placement().headroomBytes()),
                    fits ? String.format(Locale.ROOT, "%.1f", e.speed().decodeTokensPerSecond()) : "-",
                    e.placement().label());
        }
        return t;
    }

    static ObjectNode json(HardwareProfile hw, List<Row> rows) {
        ObjectNode root = Json.object();
        root.set("hardware", Json.hardware(hw));
        ArrayNode models = root.putArray("models");
        for (Row r : rows) {
            Estimate e = r.estimate;
            ObjectNode n = models.addObject();
            n.put("id", r.model.id());
            n.put("parameters", r.model.parameterCount());
            n.put("fits", e.placement().fits());
            n.put("precision", e.request().precision().displayName());
            n.put("contextTokens", e.request().contextTokens());
            n.put("placement", e.placement().label());
            ObjectNode mem = n.putObject("memory");
            mem.put("weightsBytes", e.memory().weightsBytes());
            mem.put("kvCacheBytes", e.memory().kvCacheBytes());
            mem.put("totalBytes", e.memory().totalBytes());
            n.put("headroomBytes", e.placement().headroomBytes());
            n.put("decodeTokensPerSecond", e.speed().decodeTokensPerSecond());
            n.put("prefillTokensPerSecond", e.speed().prefillTokensPerSecond());
        }
        return root;
    }
}
