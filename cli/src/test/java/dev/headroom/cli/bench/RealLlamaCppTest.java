package dev.headroom.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.files.SyntheticGguf;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real llama.cpp inside the build: {@code de.kherud:llama} 4.2.0 (Maven Central) bundles llama.cpp's server code as
 * {@code de/kherud/llama/Linux/x86_64/libjllama.so}; loading it prints {@code build: 4916 (c6af2161) with gcc (GCC)
 * 10.2.1} and {@code system_info: ... AVX2 = 1 ... AARCH64_REPACK = 1} (no AVX-512 paths). Each test writes headroom's synthetic GGUF of the
 * {@code bench --llama-bench} SMALL shape (107 M parameters; 60 / 114 / 214 MB for Q4_0 / Q8_0 / F16), lets
 * llama.cpp load it on the CPU with {@value #THREADS} threads, generates {@value #GENERATED} tokens greedily with
 * EOS ignored, and compares the measured decode rate with headroom's prediction for the same file on this
 * machine, asked as {@code size FILE.gguf} asks it (the file resolved by {@link ModelResolver}, the advisor's
 * estimate on {@code Machines.standard().probed(true)}; see {@link RunPrediction}).
 *
 * <p>The decode rate is the wall clock of the streamed tokens after the first (the first one carries the prompt's
 * processing): on this machine it agrees with llama.cpp's own {@code eval time} line to 0.1% (178.03 vs 178.12
 * tokens/s, docs/speed-model.md). The error is printed; the only assertions are ones a loaded 2-core CI box cannot
 * flake: the file loads, exactly {@value #GENERATED} tokens come back, the rate is positive, and the prediction is
 * within a factor of {@value #FACTOR} of the fastest of {@value #REPEATS} runs (other load on the machine only slows a
 * run down, so the fastest is the least disturbed; the printed error is against the median).
 *
 * <p>If libjllama.so cannot load (another OS or CPU, a glibc older than the one it was built against) this test
 * fails with the loader's error: it is never skipped.
 */
class RealLlamaCppTest {
    static final int THREADS = 2;
    static final int GENERATED = 32;
    static final int REPEATS = 7;
    static final double FACTOR = 5;
    /** Prompt tokens llama.cpp processes: the 32 of {@link #prompt()} and BOS, as its slot log counts n_prompt_tokens. */
    static final int PROMPT_TOKENS = 33;
    /** Context the test gives llama.cpp (tokens). */
    static final int CONTEXT = 256;

    @TempDir
    Path dir;

    @BeforeAll
    static void privateNativeDirectory() throws Exception {
        // LlamaLoader deletes every file named jllama* or llama* in its directory before extracting the library:
        // never let it do that in the shared java.io.tmpdir (the cli pom points it at target/jllama).
        String tmp = System.getProperty("de.kherud.llama.tmpdir");
        assertThat(tmp).as("de.kherud.llama.tmpdir (set by cli/pom.xml's surefire configuration)").isNotBlank();
        Files.createDirectories(Path.of(tmp));
    }

    /**
     * A prompt of 32 placeholder tokens. The synthetic vocabulary holds {@code t3 .. t8191}; llama.cpp's SPM
     * tokenizer merges characters pairwise, so a token is reachable only when all its prefixes are tokens ("t300"
     * via "t3", "t30"), and a character it cannot merge falls back to byte tokens the vocabulary lacks. Hence the
     * ids 300..331, and no leading space ({@code tokenizer.ggml.add_space_prefix} overridden to false).
     */
    static String prompt() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            s.append('t').append(300 + i);
        }
        return s.toString();
    }

    /**
     * One greedy generation: tokens streamed, decode tokens/s after the first, and prompt tokens/s up to the first
     * (which also holds one sampling step; on this machine within 3% of llama.cpp's {@code prompt eval time}).
     */
    record Generation(int tokens, double decodeTokensPerSecond, double promptTokensPerSecond, String lastText) {
    }

    static Generation generate(LlamaModel model, int n) {
        InferenceParameters p = new InferenceParameters(prompt()).setNPredict(n).setIgnoreEos(true).setTemperature(0f)
                .setCachePrompt(false).setSeed(42);
        int outputs = 0;
        long start = System.nanoTime();
        long first = 0;
        long last = 0;
        String lastText = null;
        for (LlamaOutput o : model.generate(p)) {
            last = System.nanoTime();
            if (outputs == 0) {
                first = last;
            }
            outputs++;
            lastText = o.text;
        }
        // llama.cpp's server streams one result per generated token, then a final result that ends the stream
        // (tools/server/server.cpp send_final_response; LlamaIterator stops at its stop flag), so outputs = n + 1.
        int tokens = outputs - 1;
        double rate = tokens > 1 ? (tokens - 1) / ((last - first) / 1e9) : Double.NaN;
        return new Generation(tokens, rate, PROMPT_TOKENS / ((first - start) / 1e9), lastText);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "F16"})
    void aRealLlamaCppDecodesHeadroomsFileNearThePrediction(GgmlType format) throws Exception {
        SyntheticGguf shape = LlamaBenchRun.Shape.SMALL.gguf.withFormat(format);
        Path file = dir.resolve(format.name() + ".gguf");
        shape.write(file, 42);

        NamedModel named = ModelResolver.installed().resolve(file.toString());
        Precision precision = named.precision(null, Precision.Q4_K_M);
        assertThat(precision).isEqualTo(Precision.valueOf(format.name()));
        Machine machine = Machines.standard().probed(true);
        Estimate predicted = RunPrediction.of(new Advisor(ModelCatalog.bundled()), machine, named, precision, RuntimeProfile.LLAMA_CPP,
                CONTEXT, PROMPT_TOKENS, GENERATED);

        double[] rates = new double[REPEATS];
        double[] prompts = new double[REPEATS];
        ModelParameters params = new ModelParameters().setModel(file.toString()).setThreads(THREADS).setThreadsBatch(THREADS)
                .setCtxSize(CONTEXT).setGpuLayers(0).setOverrideKv("tokenizer.ggml.add_space_prefix=bool:false").disableLog();
        try (LlamaModel model = new LlamaModel(params)) {
            assertThat(model.encode(prompt())).hasSize(32);
            generate(model, 4); // warm-up: pages the mapped weights in
            for (int i = 0; i < REPEATS; i++) {
                Generation g = generate(model, GENERATED);
                assertThat(g.tokens()).isEqualTo(GENERATED);
                assertThat(g.lastText()).as("the final stream result carries no token").isEmpty();
                assertThat(g.decodeTokensPerSecond()).isPositive();
                rates[i] = g.decodeTokensPerSecond();
                prompts[i] = g.promptTokensPerSecond();
            }
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double measured = sorted[REPEATS / 2];
        double fastest = sorted[REPEATS - 1];
        Arrays.sort(prompts);
        double prefill = predicted.speed().prefillTokensPerSecond();
        double p = predicted.speed().decodeTokensPerSecond();
        List<String> runs = new ArrayList<>();
        for (double r : rates) {
            runs.add(String.format(Locale.ROOT, "%.1f", r));
        }
        System.out.printf(Locale.ROOT, "llama.cpp b4916 (c6af2161, de.kherud:llama 4.2.0), %s %s (%.1f MB), %d threads, tg%d: measured median %.1f t/s %s,"
                        + " predicted %.1f t/s (%s, %s), error %+.0f%%; pp%d: measured median %.0f t/s, predicted %.0f t/s, error %+.0f%%%n",
                shape.name(), format, shape.tensorBytes() / 1e6, THREADS, GENERATED, measured, runs, p, predicted.placement().getClass().getSimpleName(),
                machine.calibrationLabel(), 100 * (p - measured) / measured, PROMPT_TOKENS, prompts[REPEATS / 2], prefill,
                100 * (prefill - prompts[REPEATS / 2]) / prompts[REPEATS / 2]);
        assertThat(p).as("predicted decode tokens/s").isPositive();
        assertThat(p / fastest).as("prediction / fastest measured").isBetween(1 / FACTOR, FACTOR);
    }
}
