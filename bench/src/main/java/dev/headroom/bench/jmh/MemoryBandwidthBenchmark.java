package dev.headroom.bench.jmh;

import dev.headroom.bench.calibration.MemoryKernels;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STREAM read, copy and triad over arrays far larger than the last-level cache, one thread and all
 * threads (each JMH thread has its own arrays, as each STREAM thread has its own share). Bytes per
 * operation: read 8n, copy 16n, triad 24n; divide by the reported time. The baseline reads a
 * cache-resident array of the same code path, showing how far DRAM is from the core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Thread)
public class MemoryBandwidthBenchmark {
    /** 2^23 doubles = 64 MiB per array per thread: 3 arrays x 2 threads = 384 MiB, 12x a 32 MiB L3. */
    @Param("8388608")
    int elements;

    double[] a;
    double[] b;
    double[] c;
    double[] small;

    @Setup
    public void setUp() {
        a = new double[elements];
        b = new double[elements];
        c = new double[elements];
        Arrays.fill(a, 1);
        Arrays.fill(b, 2);
        Arrays.fill(c, 0.5);
        small = new double[8192]; // 64 KiB: stays in L1/L2
        Arrays.fill(small, 1);
    }

    @Benchmark
    public double readBaselineInCache() {
        return MemoryKernels.read(small, 0, small.length);
    }

    @Benchmark
    public double readOneThread() {
        return MemoryKernels.read(a, 0, elements);
    }

    @Benchmark
    @Threads(Threads.MAX)
    public double readAllThreads() {
        return MemoryKernels.read(a, 0, elements);
    }

    @Benchmark
    public double[] copyOneThread() {
        MemoryKernels.copy(c, a, 0, elements);
        return c;
    }

    @Benchmark
    @Threads(Threads.MAX)
    public double[] copyAllThreads() {
        MemoryKernels.copy(c, a, 0, elements);
        return c;
    }

    @Benchmark
    public double[] triadOneThread() {
        MemoryKernels.triad(a, b, c, 3.0, 0, elements);
        return a;
    }

    @Benchmark
    @Threads(Threads.MAX)
    public double[] triadAllThreads() {
        MemoryKernels.triad(a, b, c, 3.0, 0, elements);
        return a;
    }
}
