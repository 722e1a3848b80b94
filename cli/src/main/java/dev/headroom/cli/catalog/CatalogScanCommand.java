package dev.headroom.cli.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.CatalogException;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.scan.FoundModel;
import dev.headroom.catalog.scan.LocalModelScanner;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.catalog.Fit;
import dev.headroom.advisor.catalog.FitCalculator;
import dev.headroom.cli.Table;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom catalog scan [DIR...]}: models on this machine, their exact sizes, and whether each fits here. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Find models in the Hugging Face cache, Ollama, LM Studio and the given folders; show exact sizes and what fits here.")
public final class CatalogScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions options;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "More folders (or files) to scan.")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--no-defaults", description = "Scan only the given folders, not the HF cache, Ollama and LM Studio.")
    boolean noDefaults;

    @Option(names = "--home", paramLabel = "DIR", hidden = true, description = "Treat DIR as the home directory (tests, containers).")
    Path home;

    @Option(names = "--context", defaultValue = "4096", description = "Context tokens for the KV cache (default: ${DEFAULT-VALUE}).")
    long context = 4096;

    @Option(names = "--requirements", paramLabel = "FILE.yaml",
            description = "Also write a requirements file for 'headroom check': one requirement per readable model, named by its reference.")
    Path requirements;

    @Override
    public Integer call() {
        ModelCatalog catalog;
        try {
            catalog = options.load();
        } catch (CatalogException e) {
            return Format.problems(spec.commandLine().getErr(), e);
        }
        ScanEnvironment env = home != null ? new ScanEnvironment(home, System.getenv()) : ScanEnvironment.current();
        List<FoundModel> found = new LocalModelScanner(env).scan(folders, !noDefaults);
        Machine machine = Machines.standard().probed(true);
        HardwareProfile hw = machine.hardware();
        FitCalculator fits = new FitCalculator(machine, new Advisor(ModelCatalog.bundled()), context, FitPolicy.DEFAULT);
        PrintWriter out = spec.commandLine().getOut();
        if (requirements != null) {
            int written = writeRequirements(requirements, found, context);
            spec.commandLine().getErr().println("headroom: wrote " + written + " requirement" + (written == 1 ? "" : "s") + " to " + requirements
                    + "; run 'headroom check " + requirements + "'");
        }
        if (options.json) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (FoundModel m : found) {
                ObjectNode n = a.addObject();
                n.put("source", m.source());
                n.put("name", m.name());
                n.put("path", m.path());
                n.put("reference", m.reference());
                n.put("catalogId", match(catalog, m));
                if (m.readable()) {
                    n.set("files", ModelJson.files(m.files()));
                    n.set("fit", ModelJson.fit(fits.of(m.files())));
                } else {
                    n.put("error", m.error());
                }
            }
            out.println(Json.write(a));
            return ExitCodes.OK;
        }
        Table t = new Table("source", "name", "format", "tensor bytes>", "params>", "catalog", "fits here", "needs>", "tok/s ≤>");
        List<String> errors = new ArrayList<>();
        for (FoundModel m : found) {
            if (!m.readable()) {
                t.row(m.source(), Format.limit(m.name(), 48), "?", "-", "-", match(catalog, m), "unreadable", "-", "-");
                errors.add(m.path() + ": " + m.error());
                continue;
            }
            Fit f = fits.of(m.files());
            t.row(m.source(), Format.limit(m.name(), 48), m.files().format(), Format.bytes(m.files().tensorBytes()),
                    Format.count(Math.max(1, m.files().parameters())), match(catalog, m), f.fits() ? f.where() : "no fit",
                    Format.bytes(f.neededBytes()), f.rate() > 0 ? String.format(Locale.ROOT, "%.1f", f.rate()) : "-");
        }
        if (found.isEmpty()) {
            out.println("No models found (looked in " + (noDefaults ? "" : env.huggingFaceHub() + ", " + env.ollamaModels() + ", "
                    + env.lmStudioModels() + (folders.isEmpty() ? "" : ", ")) + folders + ").");
            return ExitCodes.OK;
        }
        t.print(out);
        out.println("needs = exact tensor bytes + F16 KV cache for " + context + " tokens + llama.cpp overhead; tok/s ≤ bandwidth / weight bytes.");
        out.println("Name any of these in size, check, fit or --watch by its reference (ollama:NAME, hf:ORG/REPO, or the path; "
                + "'--json' lists them); '--requirements FILE.yaml' writes a check file of them all.");
        errors.forEach(e -> out.println("unreadable: " + e));
        return ExitCodes.OK;
    }

    /**
     * Writes a {@code headroom check} requirements file: one entry per readable model with an architecture, its
     * {@code model:} the scan's reference (so the file's exact bytes and own precision are checked), its context the
     * scan's, capped at the model's maximum. Names are the references made unique.
     *
     * @return how many requirements were written
     */
    static int writeRequirements(Path file, List<FoundModel> found, long context) {
        StringBuilder y = new StringBuilder();
        y.append("# Written by 'headroom catalog scan --requirements': one requirement per model found on this machine.\n");
        y.append("# Each model is sized by its files' exact bytes at their own precision (leave quant: out).\n");
        y.append("# Add thresholds as needed: minDecodeTokensPerSecond, minPrefillTokensPerSecond, minHeadroom, device.\n");
        y.append("requirements:\n");
        java.util.Set<String> names = new java.util.HashSet<>();
        int n = 0;
        for (FoundModel m : found) {
            if (!m.readable() || !m.files().hasArchitecture()) {
                continue;
            }
            String base = m.source() + "-" + m.name().replaceAll("[^A-Za-z0-9._-]+", "-");
            String name = base;
            for (int i = 2; !names.add(name); i++) {
                name = base + "-" + i;
            }
            y.append("  - name: ").append(quoted(name)).append('\n');
            y.append("    model: ").append(quoted(m.reference())).append('\n');
            y.append("    context: ").append(Math.min(context, m.files().architecture().maxContext())).append('\n');
            n++;
        }
        if (n == 0) {
            y.setLength(0);
            y.append("# Written by 'headroom catalog scan --requirements': no readable models were found.\nrequirements: []\n");
        }
        try {
            java.nio.file.Files.writeString(file, y.toString(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("--requirements: cannot write " + file + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    private static String quoted(String s) {
        return com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s).length == 0 ? "\"\""
                : "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /** The catalog id this local model is, by its name or (for HF) its repo id, or "-". */
    static String match(ModelCatalog catalog, FoundModel m) {
        String name = m.name();
        String repo = m.source().equals("huggingface") && name.chars().filter(c -> c == '/').count() > 1
                ? name.substring(0, name.indexOf('/', name.indexOf('/') + 1)) : name;
        for (String candidate : List.of(name, repo, name.toLowerCase(Locale.ROOT).replace(":latest", ""))) {
            if (catalog.contains(candidate)) {
                return catalog.get(candidate).id();
            }
        }
        return "-";
    }
}
