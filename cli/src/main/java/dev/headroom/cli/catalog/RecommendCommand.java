package dev.headroom.cli.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.CatalogException;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.DomainGuide;
import dev.headroom.catalog.DomainRoute;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.catalog.Fit;
import dev.headroom.advisor.catalog.FitCalculator;
import dev.headroom.cli.MachineOptions;
import picocli.CommandLine.Mixin;
import dev.headroom.cli.Table;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code headroom recommend --task "..."}: the product brief's decision matrix (input type + output type
 * to domain to candidate models), ranked by what fits the machine: usable fits first (LLMs at the fit
 * policy's floor, other models at 1 item/s or more), then slow fits, unknown sizes, models that do not fit,
 * API-only ones; faster first within a group, then larger.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Recommend models for a task, following the input/output decision matrix, ranked by what fits this machine.")
public final class RecommendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions options;

    @Option(names = "--task", required = true, paramLabel = "TEXT", description = "What you want to do, in words (\"transcribe meeting recordings\").")
    String task;

    @Option(names = "--input", paramLabel = "TYPE", description = "Input type, overriding the task text: images, video, audio, text, time-series, tabular.")
    String input;

    @Option(names = "--output", paramLabel = "TYPE", description = "Output type, overriding the task text (class-labels, generated-text, transcript, ...).")
    String output;

    @Option(names = "--context", defaultValue = "4096", description = "Context tokens for LLMs (default: ${DEFAULT-VALUE}).")
    long context = 4096;

    @Option(names = "--rows", defaultValue = "100000", description = "Training rows, for classical models whose size grows with data (default: ${DEFAULT-VALUE}).")
    long rows = 100_000;

    @Option(names = "--top", defaultValue = "10", description = "How many models to show (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Mixin
    MachineOptions machineOptions = new MachineOptions();

    record Ranked(CatalogModel model, Fit fit) {
    }

    @Override
    public Integer call() {
        if (top < 1 || rows < 1 || context < 1) {
            throw new IllegalArgumentException("--top, --rows and --context: must be positive, were " + top + ", " + rows + ", " + context);
        }
        ModelCatalog catalog;
        try {
            catalog = options.load();
        } catch (CatalogException e) {
            return Format.problems(spec.commandLine().getErr(), e);
        }
        DomainGuide guide = DomainGuide.bundled();
        DomainRoute route = guide.route(task, input, output);
        List<String> tasks = guide.tasksFor(route, task);
        Machine machine = machineOptions.machine(Machines.standard());
        HardwareProfile hw = machine.hardware();
        FitCalculator fits = new FitCalculator(machine, new Advisor(catalog), context, FitPolicy.DEFAULT);
        List<Ranked> ranked = new ArrayList<>();
        for (CatalogModel m : catalog.all()) {
            boolean domain = m.domains().stream().anyMatch(route.domains()::contains);
            boolean serves = m.tasks().stream().anyMatch(tasks::contains);
            if (domain && serves) {
                ranked.add(new Ranked(m, fits.of(m, rows)));
            }
        }
        ranked.sort(Comparator.comparingInt((Ranked r) -> r.fit().group())
                .thenComparing(Comparator.comparingDouble((Ranked r) -> -r.fit().rate()))
                .thenComparing(Comparator.comparingLong((Ranked r) -> r.model().parameterCount()).reversed())
                .thenComparing(r -> r.model().id()));
        List<Ranked> shown = ranked.stream().limit(top).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            out.println(Json.write(json(route, tasks, hw, ranked.size(), shown)));
            return ExitCodes.OK;
        }
        out.println("Task      " + task.trim());
        out.println("Route     input " + route.input() + " + output " + route.output() + " -> " + route.label()
                + " (domain " + String.join("/", route.domains()) + "; tasks " + String.join(", ", tasks) + ")");
        out.printf("Machine   %s RAM usable, %s%n", Format.bytes(hw.memory().effectiveAvailableBytes()),
                hw.gpus().isEmpty() ? "no GPU" : hw.gpus().size() + " GPU(s), largest " + hw.gpus().stream()
                        .mapToLong(g -> g.memoryTotalBytes()).max().orElse(0) / (1L << 30) + " GiB");
        out.println();
        Table t = new Table("#>", "model", "params>", "fits", "precision", "needs>", "speed>", "runtimes");
        int i = 1;
        for (Ranked r : shown) {
            t.row(i++, r.model().id(), Format.parameters(r.model()), r.fit().fits() ? r.fit().where() : r.fit().where().equals("API only") ? "API only" : "no",
                    r.fit().precision(), Format.bytes(r.fit().neededBytes()), Format.rate(r.fit()), Format.limit(String.join(", ", r.model().runtimes()), 36));
        }
        t.print(out);
        out.println(shown.size() + " of " + ranked.size() + " candidates. Ranked: fits at a usable speed first, then faster, then larger; LLMs by the fit policy, "
                + "others by their family's workload model (memory and throughput in the domain's unit), classical models by their size tier for "
                + rows + " rows. " + machine.calibrationLabel() + ".");
        return ExitCodes.OK;
    }

    private ObjectNode json(DomainRoute route, List<String> tasks, HardwareProfile hw, int candidates, List<Ranked> shown) {
        ObjectNode root = Json.object();
        root.put("task", task);
        ObjectNode r = root.putObject("route");
        r.put("input", route.input());
        r.put("output", route.output());
        r.put("domain", route.domain());
        r.put("label", route.label());
        tasks.forEach(r.putArray("tasks")::add);
        root.set("hardware", Json.hardware(hw));
        root.put("candidates", candidates);
        ArrayNode models = root.putArray("models");
        for (Ranked x : shown) {
            ObjectNode n = models.addObject();
            n.put("id", x.model().id());
            n.put("parameters", x.model().parameterCount());
            n.put("parameterBasis", x.model().details().parameterBasis().label());
            n.put("hostable", x.model().hostable());
            n.set("fit", ModelJson.fit(x.fit()));
            x.model().runtimes().forEach(n.putArray("runtimes")::add);
        }
        return root;
    }
}
