package dev.headroom.bench.jmh;

import dev.headroom.bench.kernels.Half;
import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.QuantizedMatrix;
import dev.headroom.bench.kernels.WeightFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FP32 GEMM (64 tokens x 512 x 2048: 134 MFLOP per operation, the prompt-processing shape) and F16 to
 * F32 conversion of 64 Ki halves, with a plain float copy of the same length as the conversion's baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class GemmAndConversionBenchmark {
    static final int TOKENS = 64;
    static final int ROWS = 512;
    static final int COLS = 2048;

    QuantizedMatrix weights;
    float[][] tokens;
    float[][] out;
    Kernels kernels;
    short[] halves;
    float[] floats;
    float[] floatsCopy;

    @Setup
    public void setUp() {
        kernels = Kernels.best();
        weights = QuantizedMatrix.random(WeightFormat.F32, ROWS, COLS, 3);
        tokens = new float[TOKENS][COLS];
        out = new float[TOKENS][ROWS];
        for (float[] t : tokens) {
            for (int i = 0; i < COLS; i++) {
                t[i] = (float) Math.cos(i);
            }
        }
        halves = new short[1 << 16];
        for (int i = 0; i < halves.length; i++) {
            halves[i] = Half.fromFloat((float) Math.sin(i));
        }
        floats = new float[halves.length];
        floatsCopy = new float[halves.length];
    }

    @Benchmark
    public float[][] gemmF32() {
        for (int r0 = 0; r0 < ROWS; r0 += 16) {
            for (int t = 0; t < TOKENS; t++) {
                kernels.matVec(weights, tokens[t], out[t], r0, r0 + 16);
            }
        }
        return out;
    }

    @Benchmark
    public float[] f16ToF32() {
        Half.toFloats(halves, 0, floats, 0, halves.length);
        return floats;
    }

    @Benchmark
    public float[] f32CopyBaseline() {
        System.arraycopy(floats, 0, floatsCopy, 0, floats.length);
        return floatsCopy;
    }
}
