package dev.headroom.bench.calibration;

import dev.headroom.bench.decoder.DecoderCheck;
import dev.headroom.bench.decoder.DecoderShape;
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
 * Runs the whole calibration in this JVM (C2-compiled; no JMH forks, so quick mode fits in a minute on
 * two cores): Java and native bandwidth, per-format matrix-vector rates, GEMM, dispatch cost, then the
 * synthetic-decoder check. The JMH benchmarks in {@code dev.headroom.bench.jmh} measure the same
 * kernels with full JMH discipline for deeper study.
 */
public final class CalibrationRunner {
    /** Progress of the run: fraction 0..1 and what is being measured. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction, String step);
    }

    /** How long to measure. */
    public record Settings(int streamElements, int streamPasses, double computeSeconds, DecoderShape decoderShape,
                           int decoderWarmupTokens, int decoderTokens, List<Precision> decoderPrecisions) {
        public static final List<Precision> DECODER_PRECISIONS = List.of(Precision.F32, Precision.F16, Precision.Q8_0, Precision.Q4_0);

        public static Settings quick() {
            return new Settings(BandwidthProbe.DEFAULT_ELEMENTS, 20, 0.8, DecoderShape.TINY_LLAMA_SLICE, 24, 48, DECODER_PRECISIONS);
        }

        public static Settings full() {
            return new Settings(BandwidthProbe.DEFAULT_ELEMENTS * 2, 40, 1.5, DecoderShape.TINY_LLAMA_SLICE, 24, 64, DECODER_PRECISIONS);
        }
    }

    /** Everything measured: the calibration the engine keeps, plus the detail the report prints. */
    public record Report(Calibration calibration, BandwidthProbe.Result oneThread, BandwidthProbe.Result allThreads,
                         NativeStream.Result nativeStream, Map<WeightFormat, Double> matVecFlopsPerSecond,
                         List<DecoderCheck.Result> decoder, double seconds) {
        public Report {
            matVecFlopsPerSecond = Map.copyOf(matVecFlopsPerSecond);
            decoder = List.copyOf(decoder);
        }
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

            List<DecoderCheck.Result> checks = new ArrayList<>();
            List<Precision> precisions = s.decoderPrecisions();
            for (int i = 0; i < precisions.size(); i++) {
                progress.update(0.50 + 0.50 * i / precisions.size(), "synthetic decoder " + precisions.get(i));
                checks.add(DecoderCheck.run(s.decoderShape(), precisions.get(i), s.decoderWarmupTokens(), s.decoderTokens(),
                        calibration, kernels, parallel));
                System.gc(); // the previous format's weights (up to 1.2 GB) go before the next is allocated
            }
            progress.update(1.0, "done");
            return new Report(calibration, one, all, c, matVec, checks, (System.nanoTime() - t0) / 1e9);
        }
    }
}
