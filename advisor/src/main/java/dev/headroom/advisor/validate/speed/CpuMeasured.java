package dev.headroom.advisor.validate.speed;

import dev.headroom.catalog.Csv;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.speed.DefaultCeilings;
import dev.headroom.sizing.speed.SpeedCeilings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * llama.cpp on this project's own machine ({@code validation/llama_bench_cpu_measured.csv}: llama-bench on synthetic
 * GGUF files of real shapes, see docs/speed-model.md), predicted through {@link Estimator#speed} with the uncalibrated
 * CPU ceilings for that machine's CPU (2 vCPU with AVX-512; the thread count of the row as its cores), now
 * ({@link DefaultCeilings#forCpu}) and before (commit 568a3a8: 8 GB/s per core, one compute rate for every format).
 */
public final class CpuMeasured {
    static final String RESOURCE = "/validation/llama_bench_cpu_measured.csv";
    private static final int MAX_ROWS = 10_000;
    /** meta-llama/Llama-3.2-1B config.json (validation/model_configs.csv row Llama-3.2-1B). */
    static final ModelArchitecture LLAMA32_1B = ModelArchitecture.llama(16, 2048, 32, 8, 8192, 128256, 131072).tiedEmbeddings(true).build();
    /** Qwen/Qwen2.5-0.5B config.json (validation/model_configs.csv row Qwen2.5-0.5B). */
    static final ModelArchitecture QWEN25_05B = ModelArchitecture.llama(24, 896, 14, 2, 4864, 151936, 32768).tiedEmbeddings(true)
            .qkvBias(true).build();

    /** One measured row and its predictions (tokens/s). */
    public record Row(String model, String quant, int threads, String test, double measured, double stddev, double predicted, double before) {
        public boolean generation() {
            return test.startsWith("tg");
        }

        /** Whether the run's spread was small enough to judge by (stddev under 15% of the mean; the machine was shared). */
        public boolean steady() {
            return stddev <= 0.15 * measured;
        }
    }

    private CpuMeasured() {
    }

    /** The machine's CPU as llama-bench used it: {@code threads} cores of the AVX-512 EPYC VM. */
    static CpuInfo cpu(int threads) {
        return new CpuInfo("AuthenticAMD", "AMD EPYC", threads, threads, threads, List.of("avx2", "avx512f", "avx512_vnni", "fma"));
    }

    /** The previous uncalibrated default (commit 568a3a8 of DefaultCeilings): 8 GB/s per core, 16-lane FMA x 0.5 for every format. */
    static SpeedCeilings before(int cores) {
        return new SpeedCeilings(Math.min(50e9, 8e9 * cores), cores * 2.5e9 * 16 * 2 * 2 * 0.5, Map.of(), 100e-6, 0, 1.0, Origin.DEFAULT, "568a3a8");
    }

    static double predict(ModelArchitecture a, String quant, int threads, String test, SpeedCeilings c) {
        HardwareProfile hw = new HardwareProfile("validation", "validation", cpu(threads), new MemoryInfo(1L << 40, 1L << 40, MemoryInfo.NO_LIMIT, 0),
                List.of(), List.of());
        Estimator e = new Estimator(hw, c, null);
        DeploymentRequest r = DeploymentRequest.of(a, Precision.parse(quant), 4096);
        int tokens = Integer.parseInt(test.substring(2));
        Placement cpu = new Placement.OnCpu(0, 1);
        return test.startsWith("tg") ? e.speed(r, cpu, new Estimator.SpeedPoint(1, tokens / 2)).decodeTokensPerSecond()
                : e.speed(r, cpu, new Estimator.SpeedPoint(tokens, tokens)).prefillTokensPerSecond();
    }

    /** Every bundled row with its predictions. */
    public static List<Row> rows() {
        try (InputStream in = CpuMeasured.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + ": bundled resource missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> h = Csv.split(reader.readLine());
            List<Row> out = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null && out.size() < MAX_ROWS) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.split(line);
                String model = f.get(h.indexOf("model"));
                ModelArchitecture a = model.startsWith("Llama-3.2-1B") ? LLAMA32_1B : model.startsWith("Qwen2.5-0.5B") ? QWEN25_05B : null;
                if (a == null) {
                    throw new IllegalArgumentException(RESOURCE + ": unknown model " + model);
                }
                String quant = f.get(h.indexOf("quant"));
                int threads = Integer.parseInt(f.get(h.indexOf("threads")));
                String test = f.get(h.indexOf("test"));
                out.add(new Row(model, quant, threads, test, Double.parseDouble(f.get(h.indexOf("tokens_per_s"))),
                        Double.parseDouble(f.get(h.indexOf("stddev"))),
                        predict(a, quant, threads, test, DefaultCeilings.forCpu(cpu(threads))), predict(a, quant, threads, test, before(threads))));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The section of the speed report. */
    static String markdown() {
        List<Row> rows = rows();
        StringBuilder md = new StringBuilder("## CPU: llama.cpp measured on this project's machine, uncalibrated prediction\n\n");
        md.append("llama-bench (llama.cpp d32676d77, CPU build; runs 1-2 `-t 1,2 -p 512 -n 128`, run 3 `-t 1,2 -p 0 -n 64 -r 3` on a\n")
          .append("quiet machine) on synthetic GGUF files in the shapes of Llama-3.2-1B and Qwen2.5-0.5B (random weights;\n")
          .append("`validation/llama_bench_cpu_measured.csv`, how in speed-model.md), predicted with the core-count CPU default\n")
          .append("(`DefaultCeilings.forCpu`, the row's threads as cores: the report must not depend on the machine it runs on; on a\n")
          .append("real machine the default uses its bandwidth measured in-process, and `bench --llama-bench` calibrates it: both\n")
          .append("figures in speed-model.md). Runs 1-2 shared the machine with other builds: rows whose stddev exceeds 15% of the\n")
          .append("mean are shown but not counted.\n\n");
        md.append("| model | quant | threads | test | measured | ± | before | error | now | error |\n|---|---|---|---|---|---|---|---|---|---|\n");
        List<Double> beforeDecode = new ArrayList<>();
        List<Double> nowDecode = new ArrayList<>();
        for (Row r : rows) {
            double eb = r.before() / r.measured() - 1;
            double en = r.predicted() / r.measured() - 1;
            if (r.generation() && r.steady()) {
                beforeDecode.add(Math.abs(eb));
                nowDecode.add(Math.abs(en));
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.2f | %.2f | %+.0f%% | %.2f | %+.0f%% |%n", r.model(), r.quant(),
                    r.threads(), r.test(), r.measured(), r.stddev(), r.before(), 100 * eb, r.predicted(), 100 * en));
        }
        md.append(String.format(Locale.ROOT, "%nDecode rows with a steady measurement (%d): median |error| before %s, now %s.%n%n",
                nowDecode.size(), SpeedAccuracyReport.pct(ClassConstantFit.median(beforeDecode)),
                SpeedAccuracyReport.pct(ClassConstantFit.median(nowDecode))));
        return md.toString();
    }
}
