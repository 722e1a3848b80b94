package dev.headroom.bench.jmh;

import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.QuantizedMatrix;
import dev.headroom.bench.kernels.ScalarKernels;
import dev.headroom.bench.kernels.WeightFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Matrix-vector products (GEMV) over cache-resident weights in F32, F16, Q8_0, Q4_0 and the K-quant-like
 * layout, with the Vector API kernels and the scalar fallback. FLOP per operation = 2 x 64 x 2048.
 * F32 is the baseline the quantized formats pay their dequantisation against.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class DotProductBenchmark {
    @Param({"F32", "F16", "Q8_0", "Q4_0", "K4"})
    WeightFormat format;

    @Param({"vector", "scalar"})
    String kernels;

    QuantizedMatrix matrix;
    float[] x;
    float[] out;
    Kernels impl;

    @Setup
    public void setUp() {
        matrix = QuantizedMatrix.random(format, 64, 2048, 1);
        x = new float[2048];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        out = new float[64];
        impl = kernels.equals("vector") ? Kernels.best() : new ScalarKernels();
    }

    @Benchmark
    public float[] gemv() {
        impl.matVec(matrix, x, out, 0, 64);
        return out;
    }

    @Benchmark
    public void singleRowDot(Blackhole bh) {
        bh.consume(impl.dot(matrix, 0, x));
    }
}
