package dev.headroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.Advice;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.FitQuery;
import dev.headroom.advisor.FitTable;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.json.AdviceJson;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code headroom fit} (and {@code headroom} alone): which catalog models a machine runs, at the precision the
 * advisor's fit policy picks, how fast, and the runners-up. Parsing and presentation only: the table is
 * {@link Advisor#table}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Show which models fit this machine (or --hardware / --device), at which precision, and how fast.")
public final class FitCommand implements Callable<Integer> {
    /** Options shared by {@code headroom} and {@code headroom fit}. */
    public static final class Options {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Option(names = "--context", defaultValue = "4096", converter = TokenCountConverter.class,
                description = "Context tokens per sequence: 4096, 8k, 128K (default: ${DEFAULT-VALUE}; capped at each model's maximum).")
        long context = 4096;

        @Option(names = "--min-speed", paramLabel = "TOK/S", defaultValue = "10",
                description = "Usable decode speed: the policy picks the best quality at or above it (default: ${DEFAULT-VALUE}).")
        double minSpeed = FitPolicy.DEFAULT_MIN_SPEED;

        @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "catalog",
                description = "Order within each verdict group: quality, speed, fit, size, catalog (default: ${DEFAULT-VALUE}).")
        String sort = "catalog";

        @Option(names = "--fits-only", description = "Only models that fit.")
        boolean fitsOnly;

        @Option(names = "--family", paramLabel = "NAME", description = "Only this family (e.g. llama, qwen, gemma).")
        String family;

        @Option(names = "--domain", paramLabel = "DOMAIN", defaultValue = "llm", description = "Only this domain (default: ${DEFAULT-VALUE}).")
        String domain = "llm";

        @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "0", description = "At most N rows (default: all).")
        int top;

        @Mixin
        MachineOptions machine = new MachineOptions();

        @Option(names = "--verbose", description = "Print stack traces of errors.")
        boolean verbose;

        FitQuery query() {
            return new FitQuery(context, FitPolicy.DEFAULT.withMinSpeed(minSpeed), FitQuery.Sort.parse(sort), fitsOnly, family,
                    domain, top);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Options options;

    @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "MODEL", description = "Only these models: catalog ids or aliases, "
            + "paths to model files or folders, Hugging Face cache repo ids, Ollama names (local files at their own precision, exact bytes).")
    java.util.List<String> models = new java.util.ArrayList<>();

    @Option(names = "--home", paramLabel = "DIR", hidden = true, description = "Treat DIR as the home directory for the model caches (tests, containers).")
    java.nio.file.Path home;

    @Override
    public Integer call() {
        java.util.List<NamedModel> named = new java.util.ArrayList<>();
        if (!models.isEmpty()) {
            ModelResolver resolver = home != null ? ModelResolver.of(new ScanEnvironment(home, System.getenv())) : ModelResolver.installed();
            for (String m : models) {
                named.add(resolver.resolve(m));
            }
        }
        return run(options, spec.commandLine().getOut(), named);
    }

    /** The main job, shared by {@code headroom} and {@code headroom fit}. */
    static int run(Options options, PrintWriter out) {
        return run(options, out, java.util.List.of());
    }

    /** The fit table of the catalog, or of {@code named} only when there are any. */
    static int run(Options options, PrintWriter out, java.util.List<NamedModel> named) {
        FitQuery query = options.query();
        Machine machine = options.machine.machine(Machines.standard());
        Advisor advisor = new Advisor(ModelCatalog.bundled());
        if (named.isEmpty() && options.domain != null && !options.domain.equalsIgnoreCase("llm")) {
            return workloads(options, out, machine, advisor);
        }
        FitTable table = named.isEmpty() ? advisor.table(machine, query) : advisor.table(machine, query, named);
        if (options.json) {
            out.println(Json.write(json(table)));
        } else {
            ProbeCommand.printSummary(out, machine.hardware());
            machine.notes().forEach(n -> out.println("note: " + n));
            out.println();
            table(table).print(out);
            out.println();
            for (String line : borderlineLines(table)) {
                out.println(line);
            }
            out.println("Context " + query.contextTokens() + " tokens (capped at each model's maximum), 1 sequence, llama.cpp, F16 KV cache; "
                    + "pick: best quality at " + fmt(query.policy().minDecodeTokensPerSecond()) + " tok/s or more, whole model on the GPU first"
                    + " (docs/fit-policy.md).");
            out.println("Machine: " + machine.origin() + "; CPU speeds: " + machine.cpu().note() + (machine.gpu() != null ? "; GPU speeds: " + machine.gpu().note() : ""));
            out.println("Calibration: " + machine.calibrationLabel());
        }
        return ExitCodes.OK;
    }

    /** {@code fit --domain vision|speech|...}: every model of the domain with its workload advice (batch 1, the family's default input). */
    private static int workloads(Options options, PrintWriter out, Machine machine, Advisor advisor) {
        java.util.List<dev.headroom.advisor.WorkloadAdvice> rows = advisor.workloadTable(machine, options.domain.toLowerCase(Locale.ROOT), 1);
        if (options.fitsOnly) {
            rows = rows.stream().filter(dev.headroom.advisor.WorkloadAdvice::fits).toList();
        }
        if (options.top > 0 && rows.size() > options.top) {
            rows = rows.subList(0, options.top);
        }
        if (options.json) {
            ObjectNode root = Json.object();
            root.set("hardware", ProfileJson.machine(machine.hardware(), machine.calibration()));
            root.put("machine", machine.origin());
            root.put("calibration", machine.calibrationLabel());
            root.put("domain", options.domain);
            ArrayNode models = root.putArray("models");
            for (var a : rows) {
                ObjectNode n = models.addObject();
                n.put("id", a.model().id());
                n.put("parameters", a.model().parameterCount());
                n.put("fits", a.fits());
                n.put("placement", a.where());
                n.put("precision", a.precision());
                n.put("neededBytes", a.neededBytes());
                n.put("availableBytes", a.availableBytes());
                n.put("headroomBytes", a.headroomBytes());
                n.put("unit", a.estimate().throughput().unit().label());
                AdviceJson.number(n, "itemsPerSecond", a.estimate().throughput().itemsPerSecond());
                n.put("throughput", a.estimate().throughput().headline());
                n.put("hasKvCache", a.estimate().hasKvCache());
            }
            out.println(Json.write(root));
            return ExitCodes.OK;
        }
        ProbeCommand.printSummary(out, machine.hardware());
        machine.notes().forEach(n -> out.println("note: " + n));
        out.println();
        Table t = new Table("model", "params>", "runs on", "precision", "needs>", "left>", "throughput (batch 1)");
        for (var a : rows) {
            long n = a.model().parameterCount();
            t.row(a.model().id(), n >= 1e9 ? String.format(Locale.ROOT, "%.2fB", n / 1e9) : String.format(Locale.ROOT, "%.1fM", n / 1e6), a.where(), a.precision(),
                    ByteUnits.formatGib(a.neededBytes()), a.fits() ? ByteUnits.formatGib(a.headroomBytes()) : "short " + ByteUnits.formatGib(-a.headroomBytes()),
                    a.estimate().throughput().headline());
        }
        t.print(out);
        out.println();
        out.println("Domain " + options.domain + ": workload model per family (docs/domains.md), FP16 on a GPU whose speed is known, else FP32 on the CPU.");
        out.println("Calibration: " + machine.calibrationLabel());
        return ExitCodes.OK;
    }

    static Table table(FitTable t) {
        Table out = new Table("verdict", "model", "params>", "pick", "runs on", "needs>", "left>", "tok/s>", "max quality", "fastest");
        for (FitTable.Row r : t.rows()) {
            Advice a = r.advice();
            Estimate e = a.pick();
            boolean fits = a.fits();
            out.row(a.verdict().label(), r.model().id(), String.format(Locale.ROOT, "%.2fB", r.model().parameterCount() / 1e9),
                    fits ? e.request().precision().displayName() : "-", e.placement().label(),
                    ByteUnits.formatGib(e.placement().neededBytes()),
                    fits ? ByteUnits.formatGib(e.placement().headroomBytes()) : "short " + ByteUnits.formatGib(-e.placement().headroomBytes()),
                    fits ? speed(e) : "-", fits ? brief(a.maxQuality()) : "-", fits ? brief(a.fastest()) : "-");
        }
        return out;
    }

    /**
     * One line per borderline pick: both sides of the memory estimate's uncertainty, the tight placement and the one the
     * runtime falls back to if the need is over the limit after all (never a silent flip between them).
     */
    static List<String> borderlineLines(FitTable t) {
        List<String> lines = new java.util.ArrayList<>();
        for (FitTable.Row r : t.rows()) {
            Estimate e = r.advice().pick();
            if (r.advice().fits() && e.ifOverLimit() != null) {
                Estimate.Alternative o = e.ifOverLimit();
                lines.add(String.format(Locale.ROOT, "borderline: %s %s needs %s of %s (within the estimate's uncertainty): %s %s tok/s;"
                                + " if it is over the limit: %s %s", r.model().id(), e.request().precision().displayName(),
                        ByteUnits.formatGib(e.placement().neededBytes()), ByteUnits.formatGib(e.placement().availableBytes()),
                        e.placement().label(), speed(e), o.placement().label(),
                        o.placement().fits() ? (o.speed().known() ? String.format(Locale.ROOT, "%.1f tok/s", o.speed().decodeTokensPerSecond()) : "? tok/s")
                                : "(does not fit)"));
            }
        }
        return lines;
    }

    static String speed(Estimate e) {
        return e.speed().known() ? String.format(Locale.ROOT, "%.1f", e.speed().decodeTokensPerSecond()) : "?";
    }

    private static String brief(Estimate e) {
        return e.request().precision().displayName() + " " + speed(e) + " " + e.placement().label();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The JSON of a fit table: the machine (hardware + calibration), the query, one object per model. */
    static ObjectNode json(FitTable t) {
        Machine m = t.machine();
        ObjectNode root = Json.object();
        root.set("hardware", ProfileJson.machine(m.hardware(), m.calibration()));
        root.put("machine", m.origin());
        root.put("calibration", m.calibrationLabel());
        m.notes().forEach(root.putArray("notes")::add);
        ObjectNode q = root.putObject("query");
        q.put("contextTokens", t.query().contextTokens());
        q.put("minDecodeTokensPerSecond", t.query().policy().minDecodeTokensPerSecond());
        q.put("sort", t.query().sort().name().toLowerCase(Locale.ROOT));
        ArrayNode models = root.putArray("models");
        for (FitTable.Row r : t.rows()) {
            ObjectNode n = models.addObject();
            n.put("id", r.model().id());
            n.put("parameters", r.model().parameterCount());
            AdviceJson.advice(n, r.advice());
        }
        return root;
    }
}
