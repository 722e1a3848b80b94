package dev.headroom.cli.bench;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Table;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code headroom bench --ollama [URL] [--ollama-model NAME]}: measures the user's installed Ollama models through
 * its HTTP API ({@link OllamaApi}): one non-streamed {@code /api/generate} per model with a fixed prompt and
 * {@code num_predict}, decode tokens/s = {@code eval_count / eval_duration}, prompt tokens/s =
 * {@code prompt_eval_count / prompt_eval_duration}, printed beside headroom's prediction for that model on this
 * machine ({@link RunPrediction}, the model resolved as every surface resolves it: the Ollama store's own GGUF
 * when it is on this machine, else the catalog entry the Ollama name is an alias of). Decode rates of runs that
 * Ollama kept wholly in system memory ({@code /api/ps} {@code size_vram} 0) on this machine go into the stored
 * calibration with engine {@code ollama <version>}, as {@code --llama-bench} stores llama.cpp's.
 */
final class OllamaBenchRun {
    /** The fixed prompt of every run. */
    static final String PROMPT = "Write a detailed, factual description of how a lighthouse works, from the lamp and the lens to the keeper's daily routine.";

    /** One measured model: what Ollama reported, and the prediction (null with a reason when none). */
    record Row(OllamaApi.Tag tag, OllamaApi.Generation run, OllamaApi.Running loaded, NamedModel model, Precision precision,
               Estimate predicted, String noPrediction) {
    }

    private OllamaBenchRun() {
    }

    static int run(PrintWriter out, PrintWriter err, String url, String only, int tokens, Duration timeout, boolean noSave, ModelResolver resolver) {
        OllamaApi api = new OllamaApi(OllamaApi.parseUrl(url), timeout);
        String version;
        List<OllamaApi.Tag> tags;
        try {
            version = api.version();
            tags = api.tags();
        } catch (OllamaApi.Unreachable e) {
            err.println("headroom: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (LlamaBench.EngineFailure e) {
            err.println("headroom: " + e.getMessage());
            return ExitCodes.PROBE_FAILED;
        }
        String engine = "ollama " + version;
        if (tags.isEmpty()) {
            err.println("headroom: --ollama: " + engine + " at " + api.base() + " has no models installed (ollama pull MODEL first)");
            return ExitCodes.INVALID_INPUT;
        }
        if (only != null) {
            OllamaApi.Tag match = tags.stream().filter(t -> t.name().equals(only) || t.name().equals(only + ":latest")).findFirst().orElse(null);
            if (match == null) {
                err.println("headroom: --ollama-model: '" + only + "' is not installed in " + engine + " at " + api.base() + "; installed: "
                        + String.join(", ", tags.stream().map(OllamaApi.Tag::name).limit(10).toList()) + (tags.size() > 10 ? ", ..." : ""));
                return ExitCodes.INVALID_INPUT;
            }
            tags = List.of(match);
        }
        Machines machines = Machines.standard();
        Machine machine = machines.probed(true);
        Advisor advisor = new Advisor(ModelCatalog.bundled());
        boolean local = isThisMachine(api.base());
        out.printf(Locale.ROOT, "%s at %s%s, %d model%s, %d tokens each; predicted with %s%n", engine, api.base(),
                local ? "" : " (not this machine: predictions are for this machine, nothing is saved)", tags.size(), tags.size() == 1 ? "" : "s",
                tokens, machine.calibrationLabel());
        Table table = new Table("model", "format", "size", "where", "prompt t/s", "predicted", "error", "decode t/s", "predicted", "error");
        Map<GgmlType, Double> rates = new EnumMap<>(GgmlType.class);
        Map<GgmlType, Long> rateWeights = new EnumMap<>(GgmlType.class);
        int failed = 0;
        for (OllamaApi.Tag tag : tags) {
            OllamaApi.Generation g;
            OllamaApi.Running loaded;
            try {
                g = api.generate(tag.name(), PROMPT, tokens);
                loaded = api.running().stream().filter(r -> r.name().equals(tag.name())).findFirst().orElse(null);
            } catch (OllamaApi.Unreachable | LlamaBench.EngineFailure e) {
                err.println("headroom: " + e.getMessage());
                failed++;
                continue;
            }
            Row row = predict(advisor, machine, resolver, tag, g, loaded);
            table.row(tag.name(), tag.quantizationLevel().isEmpty() ? "?" : tag.quantizationLevel(), ByteUnits.formatIec(tag.sizeBytes()),
                    where(loaded), rate(g.promptTokensPerSecond()), row.predicted() == null ? "-" : rate(row.predicted().speed().prefillTokensPerSecond()),
                    error(row.predicted() == null ? Double.NaN : row.predicted().speed().prefillTokensPerSecond(), g.promptTokensPerSecond()),
                    rate(g.decodeTokensPerSecond()), row.predicted() == null ? "-" : rate(row.predicted().speed().decodeTokensPerSecond()),
                    error(row.predicted() == null ? Double.NaN : row.predicted().speed().decodeTokensPerSecond(), g.decodeTokensPerSecond()));
            if (row.noPrediction() != null) {
                err.println("note: " + tag.name() + ": no prediction (" + row.noPrediction() + ")");
            }
            if (row.model() != null && loaded != null && loaded.sizeVramBytes() == 0 && row.precision().isGguf()) {
                GgmlType f = row.precision().baseType();
                long weights = ParameterCounter.activeParametersPerToken(row.model().architecture());
                if (weights > rateWeights.getOrDefault(f, 0L)) { // the largest model of a format streams from memory as real use does
                    rates.put(f, 2.0 * weights * g.decodeTokensPerSecond());
                    rateWeights.put(f, weights);
                }
            }
        }
        if (failed == tags.size()) {
            return ExitCodes.PROBE_FAILED;
        }
        table.print(out);
        save(out, machines, engine, rates, local, noSave);
        return failed > 0 ? ExitCodes.PROBE_FAILED : ExitCodes.OK;
    }

    private static void save(PrintWriter out, Machines machines, String engine, Map<GgmlType, Double> rates, boolean local, boolean noSave) {
        if (noSave) {
            out.println("Not saved (--no-save).");
        } else if (!local) {
            out.println("Not saved: the server is not this machine.");
        } else if (rates.isEmpty()) {
            out.println("Not saved: no run was wholly on the CPU of this machine with a model headroom resolved (GPU rates are not calibrated).");
        } else {
            Calibration stored = machines.storedCalibrationFor(machines.probeFacts());
            if (stored == null) {
                out.println("Not saved: no calibration of this machine yet (run 'headroom bench' first, then this again).");
                return;
            }
            CalibrationStore store = CalibrationStore.forUser();
            store.save(stored.withEngineRates(engine, rates).requirePlausible("ollama rates"));
            out.println("Saved " + rates.keySet() + " decode rates by " + engine + " to " + store.file() + ".");
        }
    }

    /**
     * The prediction for one run: the model resolved as {@code ollama:NAME} (the store's GGUF, exact bytes), else
     * as the plain name (a catalog alias) at the tag's quantization level.
     */
    static Row predict(Advisor advisor, Machine machine, ModelResolver resolver, OllamaApi.Tag tag, OllamaApi.Generation g, OllamaApi.Running loaded) {
        NamedModel model;
        try {
            model = resolver.resolve("ollama:" + tag.name());
        } catch (IllegalArgumentException notInStore) {
            try {
                model = resolver.resolve(tag.name());
            } catch (IllegalArgumentException unknown) {
                return new Row(tag, g, loaded, null, null, null, "not in the local Ollama store and not a catalog alias");
            }
        }
        if (!model.hasArchitecture()) {
            return new Row(tag, g, loaded, null, null, null, model.id() + " has no transformer architecture");
        }
        Precision precision;
        try {
            precision = model.precision(null, tag.quantizationLevel().isEmpty() ? null : Precision.parse(tag.quantizationLevel()));
        } catch (IllegalArgumentException e) {
            return new Row(tag, g, loaded, null, null, null, "quantization level '" + tag.quantizationLevel() + "' is not one headroom sizes");
        }
        if (precision == null) {
            return new Row(tag, g, loaded, null, null, null, "no quantization level");
        }
        RuntimeProfile rt = RuntimeProfile.OLLAMA;
        long context = rt.defaultContextTokens() > 0 ? Math.min(rt.defaultContextTokens(), model.architecture().maxContext())
                : model.architecture().maxContext();
        Estimate e = RunPrediction.of(advisor, machine, model, precision, rt, context, g.promptEvalCount(), g.evalCount());
        return new Row(tag, g, loaded, model, precision, e, e.speed().known() ? null : "speeds unknown on this machine");
    }

    /** Whether {@code base}'s host is this machine: a loopback address or one of its interfaces' addresses. */
    static boolean isThisMachine(URI base) {
        try {
            for (InetAddress a : InetAddress.getAllByName(base.getHost())) {
                if (a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null) {
                    return true;
                }
            }
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
        return false;
    }

    private static String where(OllamaApi.Running r) {
        if (r == null) {
            return "?";
        }
        if (r.sizeVramBytes() <= 0) {
            return "CPU";
        }
        return r.sizeVramBytes() >= r.sizeBytes() ? "GPU" : String.format(Locale.ROOT, "%.0f%% GPU", 100.0 * r.sizeVramBytes() / r.sizeBytes());
    }

    private static String rate(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String error(double predicted, double measured) {
        return Double.isNaN(predicted) || Double.isNaN(measured) || !(measured > 0) ? "-"
                : String.format(Locale.ROOT, "%+.0f%%", 100 * (predicted - measured) / measured);
    }
}
