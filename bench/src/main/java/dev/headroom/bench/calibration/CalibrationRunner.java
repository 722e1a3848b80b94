package dev.headroom.bench.calibration;

import dev.headroom.bench.decoder.DecoderCheck;
import dev.headroom.bench.decoder.DecoderShape;
import dev.headroom.bench.kernels.IntegerKernels;
import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.RowParallel;
import dev.headroom.bench.kernels.WeightFormat;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the calibration (C2-compiled; no JMH forks, so quick mode fits in a minute on two cores): Java and native
 * bandwidth, the float kernels' per-format matrix-vector rates, GEMM and dispatch cost in this JVM; the integer
 * kernels' rates of {@link #FORKED_FORMATS}, which the saved calibration keeps, each in a child JVM of its own
 * ({@link ForkedMatVec}); then the synthetic-decoder check, which runs the float kernels and is predicted from their rates. The JMH benchmarks in {@code dev.headroom.bench.jmh} measure the same
 * kernels with full JMH discipline for deeper study.
 */
public final class CalibrationRunner {
    /** Progress of the run: fraction 0..1 and what is being measured. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction, String step);
    }

    /**
     * How long to measure.
     *
     * @param forkedBytes 0: the calibration keeps the float kernels' per-format rates measured in this JVM. Above 0:
     *                    the rates of {@link #FORKED_FORMATS} are those of the integer kernels, each measured in a child
     *                    JVM of its own ({@link ForkedMatVec}) streaming about this many bytes of weights; a child that
     *                    fails leaves that format's in-process float rate, with a note
     */
    public record Settings(int streamElements, int streamPasses, double computeSeconds, DecoderShape decoderShape,
                           int decoderWarmupTokens, int decoderTokens, List<Precision> decoderPrecisions, long forkedBytes) {
        public static final List<Precision> DECODER_PRECISIONS = List.of(Precision.F32, Precision.F16, Precision.Q8_0, Precision.Q4_0);

        /** Without the forked integer-kernel rates. */
        public Settings(int streamElements, int streamPasses, double computeSeconds, DecoderShape decoderShape,
                        int decoderWarmupTokens, int decoderTokens, List<Precision> decoderPrecisions) {
            this(streamElements, streamPasses, computeSeconds, decoderShape, decoderWarmupTokens, decoderTokens, decoderPrecisions, 0);
        }

        public Settings {
            if (forkedBytes < 0) {
                throw new IllegalArgumentException("forkedBytes: must be non-negative, was " + forkedBytes);
            }
        }

        public static Settings quick() {
            return new Settings(BandwidthProbe.DEFAULT_ELEMENTS, 20, 0.8, DecoderShape.TINY_LLAMA_SLICE, 24, 48, DECODER_PRECISIONS,
                    FORK_DEFAULT ? ComputeProbe.STREAM_BYTES : 0);
        }

        public static Settings full() {
            return new Settings(BandwidthProbe.DEFAULT_ELEMENTS * 2, 40, 1.5, DecoderShape.TINY_LLAMA_SLICE, 24, 64, DECODER_PRECISIONS,
                    FORK_DEFAULT ? ComputeProbe.STREAM_BYTES : 0);
        }

        /** These settings with the forked integer-kernel rates on ({@code bytes} streamed per product) or off (0). */
        public Settings withForkedBytes(long bytes) {
            return new Settings(streamElements, streamPasses, computeSeconds, decoderShape, decoderWarmupTokens, decoderTokens,
                    decoderPrecisions, bytes);
        }
    }

    /**
     * Whether {@link Settings#quick()} and {@link Settings#full()} measure the integer kernels in forked JVMs: on, because
     * on this project's 2-core Zen 5 VM every one of eight llama.cpp decode rates (Llama-3.2-1B and Qwen2.5-0.5B shapes,
     * F16, Q8_0, Q4_0, Q4_K_M, {@code llama-bench -t 2}) was predicted closer with them than with the in-process float
     * kernels' rates (docs/speed-model.md, "Integer kernels, one JVM per format"). The system property
     * {@code headroom.bench.forkIntegerKernels=false} turns it off.
     */
    static final boolean FORK_DEFAULT = Boolean.parseBoolean(System.getProperty("headroom.bench.forkIntegerKernels", "true"));

    /** The formats whose integer-kernel rates are measured in forked JVMs (F32 has no integer path; K4 is the float kernels' own layout). */
    public static final List<WeightFormat> FORKED_FORMATS = List.of(WeightFormat.F16, WeightFormat.Q8_0, WeightFormat.Q4_0,
            WeightFormat.Q4_K, WeightFormat.Q6_K);

    /** Everything measured: the calibration the engine keeps, plus the detail the report prints. */
    /**
     * @param matVecFlopsPerSecond the float kernels' rates measured in this JVM (what the synthetic decoder runs)
     * @param integerMatVecFlopsPerSecond the integer kernels' rates measured in forked JVMs (empty when not forked)
     * @param notes one line per forked measurement that failed and fell back to the float rate
     */
    public record Report(Calibration calibration, BandwidthProbe.Result oneThread, BandwidthProbe.Result allThreads,
                         NativeStream.Result nativeStream, Map<WeightFormat, Double> matVecFlopsPerSecond,
                         List<DecoderCheck.Result> decoder, double seconds, Map<WeightFormat, Double> integerMatVecFlopsPerSecond,
                         List<String> notes) {
        public Report {
            matVecFlopsPerSecond = Map.copyOf(matVecFlopsPerSecond);
            decoder = List.copyOf(decoder);
            integerMatVecFlopsPerSecond = Map.copyOf(integerMatVecFlopsPerSecond);
            notes = List.copyOf(notes);
        }

        /** Without forked measurements. */
        public Report(Calibration calibration, BandwidthProbe.Result oneThread, BandwidthProbe.Result allThreads,
                      NativeStream.Result nativeStream, Map<WeightFormat, Double> matVecFlopsPerSecond,
                      List<DecoderCheck.Result> decoder, double seconds) {
            this(calibration, oneThread, allThreads, nativeStream, matVecFlopsPerSecond, decoder, seconds, Map.of(), List.of());
        }
    }

    /** Seconds a forked measurement may take before it is killed: JVM start, a 96 MiB random matrix, warm-up and the products. */
    static double forkTimeoutSeconds(double computeSeconds) {
        return 30 + 10 * computeSeconds;
    }

    private CalibrationRunner() {
    }

    static BandwidthProbe.Result best(BandwidthProbe.Result a, BandwidthProbe.Result b) {
        return new BandwidthProbe.Result(a.threads(), Math.max(a.readBytesPerSecond(), b.readBytesPerSecond()),
                Math.max(a.copyBytesPerSecond(), b.copyBytesPerSecond()), Math.max(a.triadBytesPerSecond(), b.triadBytesPerSecond()));
    }

    static NativeStream.Result best(NativeStream.Result a, NativeStream.Result b) {
        if (!a.available() || !b.available()) {
            return a.available() ? a : b;
        }
        return new NativeStream.Result(true, Math.max(a.readBytesPerSecond(), b.readBytesPerSecond()),
                Math.max(a.copyBytesPerSecond(), b.copyBytesPerSecond()), Math.max(a.triadBytesPerSecond(), b.triadBytesPerSecond()), a.detail());
    }

    public static Report run(Settings s, int threads, String cpuModel, String today, Progress progress) {
        return run(s, threads, cpuModel, today, progress, ForkedMatVec.class.getName());
    }

    /** The same with {@code childMain} as the forked JVMs' main class (tests use one that fails). */
    static Report run(Settings s, int threads, String cpuModel, String today, Progress progress, String childMain) {
        long t0 = System.nanoTime();
        Kernels kernels = Kernels.best();
        BandwidthProbe.Result one;
        BandwidthProbe.Result all;
        NativeStream.Result c;
        {
            // Java and C alternate (Java, C, Java, C) and each keeps its best figures, so a burst of load from
            // another process during one of them does not decide the Java-to-C ratio.
            BandwidthProbe probe = new BandwidthProbe(s.streamElements());
            progress.update(0.0, "memory bandwidth, 1 thread");
            one = probe.measure(1, s.streamPasses(), f -> progress.update(0.06 * f, "memory bandwidth, 1 thread"));
            all = probe.measure(threads, s.streamPasses(), f -> progress.update(0.06 + 0.06 * f, "memory bandwidth, " + threads + " threads"));
            progress.update(0.12, "native STREAM (gcc)");
            c = NativeStream.run(s.streamElements(), s.streamPasses(), threads);
            all = best(all, probe.measure(threads, s.streamPasses(), f -> progress.update(0.18 + 0.06 * f, "memory bandwidth, " + threads + " threads")));
            progress.update(0.24, "native STREAM (gcc)");
            c = best(c, NativeStream.run(s.streamElements(), s.streamPasses(), threads));
        }

        Map<WeightFormat, Double> matVec = new EnumMap<>(WeightFormat.class);
        Map<GgmlType, Double> byType = new EnumMap<>(GgmlType.class);
        double gemm;
        double dispatch;
        try (RowParallel parallel = new RowParallel(threads)) {
            ComputeProbe compute = new ComputeProbe(kernels, parallel);
            WeightFormat[] formats = WeightFormat.values();
            // One untimed round over every format first: the shared dot() is then compiled for all of them,
            // and no format is timed while C2 recompiles it after a type-profile trap.
            progress.update(0.26, "warming up kernels");
            for (WeightFormat f : formats) {
                compute.warmUp(f);
            }
            for (int i = 0; i < formats.length; i++) {
                progress.update(0.30 + 0.15 * i / formats.length, "matrix-vector " + formats[i]);
                double rate = compute.matVecFlopsPerSecond(formats[i], s.computeSeconds());
                matVec.put(formats[i], rate);
                byType.put(formats[i].ggmlType(), rate);
            }
            progress.update(0.45, "FP32 GEMM");
            gemm = compute.gemmFlopsPerSecond(s.computeSeconds());
            dispatch = compute.dispatchSeconds();

            Calibration calibration = new Calibration(today, cpuModel, threads, kernels.name(), all.readBytesPerSecond(),
                    one.readBytesPerSecond(), all.triadBytesPerSecond(), c.available() ? c.readBytesPerSecond() : 0,
                    gemm, byType, dispatch);

            // The integer kernels, one child JVM per format. The synthetic decoder below runs the float kernels, so its
            // prediction keeps the float rates; the saved calibration takes the integer ones.
            Map<WeightFormat, Double> integerRates = new EnumMap<>(WeightFormat.class);
            List<String> notes = new ArrayList<>();
            Calibration saved = calibration;
            if (s.forkedBytes() > 0) {
                Map<GgmlType, Double> forkedByType = new EnumMap<>(byType);
                List<String> fellBack = new ArrayList<>();
                for (int i = 0; i < FORKED_FORMATS.size(); i++) {
                    WeightFormat f = FORKED_FORMATS.get(i);
                    progress.update(0.46 + 0.04 * i / FORKED_FORMATS.size(), "matrix-vector " + f + ", own JVM");
                    ForkedMatVec.Result r = ForkedMatVec.measure(childMain, f, threads, s.computeSeconds(), s.forkedBytes(),
                            forkTimeoutSeconds(s.computeSeconds()));
                    if (r.ok()) {
                        integerRates.put(f, r.flopsPerSecond());
                        forkedByType.put(f.ggmlType(), r.flopsPerSecond());
                    } else {
                        notes.add("integer kernels, " + f + ": " + r.error() + "; kept the float kernels' rate measured in this JVM");
                        fellBack.add(f.name()); // forkedByType keeps the float rate of f's type
                    }
                }
                String how = integerRates.isEmpty() ? " (integer kernels not measured: child JVMs failed, float kernels' rates kept)"
                        : " + " + IntegerKernels.best().name() + " in one JVM per format"
                        + (fellBack.isEmpty() ? "" : " (float kernels for " + String.join(", ", fellBack) + ": child JVM failed)");
                saved = new Calibration(today, cpuModel, threads, kernels.name() + how, all.readBytesPerSecond(),
                        one.readBytesPerSecond(), all.triadBytesPerSecond(), c.available() ? c.readBytesPerSecond() : 0,
                        gemm, forkedByType, dispatch);
            }

            List<DecoderCheck.Result> checks = new ArrayList<>();
            List<Precision> precisions = s.decoderPrecisions();
            for (int i = 0; i < precisions.size(); i++) {
                progress.update(0.50 + 0.50 * i / precisions.size(), "synthetic decoder " + precisions.get(i));
                checks.add(DecoderCheck.run(s.decoderShape(), precisions.get(i), s.decoderWarmupTokens(), s.decoderTokens(),
                        calibration, kernels, parallel));
                System.gc(); // the previous format's weights (up to 1.2 GB) go before the next is allocated
            }
            progress.update(1.0, "done");
            return new Report(saved, one, all, c, matVec, checks, (System.nanoTime() - t0) / 1e9, integerRates, notes);
        }
    }
}
