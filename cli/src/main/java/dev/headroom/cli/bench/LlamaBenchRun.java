package dev.headroom.cli.bench;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.files.SyntheticGguf;
import dev.headroom.cli.ExitCodes;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code headroom bench --llama-bench [PATH]}: writes the synthetic files, runs llama-bench on them, prints
 * measured prompt and decode rates beside headroom's prediction for the same shape and format on this machine,
 * and stores the decode rates (with the engine and build) in the calibration.
 */
final class LlamaBenchRun {
    /** Prompt tokens of the prompt test (llama-bench {@code -p}). */
    static final int PROMPT = 64;
    /** Generated tokens of the decode test (llama-bench {@code -n}). */
    static final int GEN = 16;

    /** The synthetic model's shape. */
    enum Shape {
        /**
         * Llama-3.2-1B's width at half its depth (376 M parameters: 8 blocks x 2048, 32/8 heads, ffn 5632, vocab 8192):
         * every file (212 MB at Q4_0 to 752 MB at F16, 1.9 GB for the five) is far larger than a last-level cache, so
         * decode streams from DRAM as it does for real models. The default: on the 107 M SMALL shape the Q4_0 and Q4_K
         * files (60 MB) partly stay in a 32 MB L3 and their rates over-predicted real 1B files by about 20%.
         */
        MEDIUM(new SyntheticGguf("headroom synthetic llama 376M", 8, 2048, 32, 8, 5632, 8192, GgmlType.F16)),
        /** A reduced llama (107 M parameters: 8 blocks × 1024, 16/4 heads, ffn 2816, vocab 8192), about 0.4 GB for three files. */
        SMALL(new SyntheticGguf("headroom synthetic llama 107M", 8, 1024, 16, 4, 2816, 8192, GgmlType.F16)),
        /** A check that the engine loads the files (2 blocks × 256, vocab 64): seconds, figures dominated by overhead. */
        TINY(new SyntheticGguf("headroom synthetic llama tiny", 2, 256, 4, 2, 512, 64, GgmlType.F16));

        final SyntheticGguf gguf;

        Shape(SyntheticGguf gguf) {
            this.gguf = gguf;
        }

        ModelArchitecture architecture() {
            return ModelArchitecture.llama(gguf.blocks(), gguf.hidden(), gguf.heads(), gguf.kvHeads(), gguf.ffn(), gguf.vocab(), 4096)
                    .tiedEmbeddings(false).build();
        }
    }

    private LlamaBenchRun() {
    }

    static int run(PrintWriter out, PrintWriter err, String binaryOption, Shape shape, int threads, Duration timeout, boolean noSave) {
        Path binary = LlamaBench.locate(binaryOption, System.getenv("PATH"));
        Path dir;
        try {
            dir = Files.createTempDirectory("headroom-llama-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("llama-bench: cannot create a temporary directory: " + e.getMessage(), e);
        }
        List<LlamaBench.Test> tests;
        try {
            List<Path> files = LlamaBench.writeModels(shape.gguf, dir);
            List<String> command = LlamaBench.command(binary, files, PROMPT, GEN, threads);
            err.println("running " + String.join(" ", command));
            err.flush();
            tests = LlamaBench.parse(LlamaBench.execute(command, timeout, dir));
        } catch (LlamaBench.EngineFailure e) {
            err.println("headroom: " + e.getMessage());
            return ExitCodes.PROBE_FAILED;
        } finally {
            delete(dir);
        }
        Machines machines = Machines.standard();
        Machine machine = machines.probed(true);
        Advisor advisor = new Advisor(ModelCatalog.bundled());
        Map<GgmlType, Double> rates = new EnumMap<>(GgmlType.class);
        LlamaBench.Test first = tests.get(0);
        out.printf(Locale.ROOT, "%s on %s, %d threads, %s (%d x %d, vocab %d), KV %s; predicted with %s%n", first.engine(),
                first.cpuInfo(), first.threads(), shape.gguf.name(), shape.gguf.blocks(), shape.gguf.hidden(), shape.gguf.vocab(),
                first.typeK(), machine.calibrationLabel());
        out.printf(Locale.ROOT, "%-6s %10s %-8s %12s %12s %7s%n", "format", "file MB", "test", "measured t/s", "predicted t/s", "error");
        for (LlamaBench.Test t : tests) {
            GgmlType f = LlamaBench.formatOf(t);
            if (f == null) {
                err.println("headroom: llama-bench: measured " + t.modelFile() + ", not a file headroom wrote");
                return ExitCodes.PROBE_FAILED;
            }
            SyntheticGguf g = shape.gguf.withFormat(f);
            if (t.modelBytes() != g.tensorBytes()) {
                err.println("headroom: llama-bench: " + t.modelFile() + " holds " + t.modelBytes() + " bytes of weights, headroom wrote "
                        + g.tensorBytes() + " (output of another run?)");
                return ExitCodes.PROBE_FAILED;
            }
            boolean decode = t.nGen() > 0;
            // An all-Q4_K file is llama.cpp's Q4_K_S recipe nearest (the prediction column; the rate comes from the file's shape).
            Precision precision = f == GgmlType.Q4_K ? Precision.Q4_K_S : Precision.valueOf(f.name());
            DeploymentRequest request = DeploymentRequest.of(shape.architecture(), precision, PROMPT + GEN);
            Estimate e = advisor.estimate(machine, request,
                    new Estimator.SpeedPoint(decode ? 1 : t.nPrompt(), decode ? t.nGen() / 2 : t.nPrompt()));
            double predicted = decode ? e.speed().decodeTokensPerSecond() : e.speed().prefillTokensPerSecond();
            out.printf(Locale.ROOT, "%-6s %10.1f %-8s %12.1f %12.1f %6.0f%%%n", f, g.tensorBytes() / 1e6,
                    decode ? "tg" + t.nGen() : "pp" + t.nPrompt(), t.avgTokensPerSecond(), predicted,
                    100 * (predicted - t.avgTokensPerSecond()) / t.avgTokensPerSecond());
            if (decode) {
                rates.put(f, LlamaBench.decodeFlopsPerSecond(g, t.avgTokensPerSecond()));
            }
        }
        if (noSave) {
            out.println("Not saved (--no-save).");
            return ExitCodes.OK;
        }
        Calibration stored = machines.storedCalibrationFor(machines.probeFacts());
        if (stored == null) {
            out.println("Not saved: no calibration of this machine yet (run 'headroom bench' first, then this again).");
            return ExitCodes.OK;
        }
        CalibrationStore store = CalibrationStore.forUser();
        store.save(stored.withEngineRates(first.engine(), rates).requirePlausible("llama-bench rates"));
        out.println("Saved " + rates.keySet() + " decode rates by " + first.engine() + " to " + store.file() + ".");
        return ExitCodes.OK;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
