package dev.headroom.bench.engine;

import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast the memory model answers. {@link #oneEstimate} is one full breakdown (weights tensor by
 * tensor for 80 layers, KV cache, compute buffer, overhead, notes) of Llama-3-70B Q4_K_M at 8K;
 * {@link #kvCacheOnlyBaseline} is the cheapest part alone, to show what the weight walk costs;
 * {@link #catalogSweep} sizes every model x every precision x six contexts, the work of a catalog-wide
 * table. One thread (the "on one core").
 */
@BenchmarkMode(Mode.AverageTime)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MemoryEstimateBenchmark {
    static final long[] CONTEXTS = {512, 2048, 4096, 8192, 32768, 131072};

    ModelArchitecture llama70b;
    MemoryRequest oneRequest;
    List<ModelArchitecture> models;

    @Setup
    public void setUp() {
        llama70b = ModelArchitecture.llama(80, 8192, 64, 8, 28672, 128256, 8192).build();
        oneRequest = MemoryRequest.of(llama70b, Precision.Q4_K_M, 8192);
        models = EngineModels.all();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public MemoryBreakdown oneEstimate() {
        return MemoryModel.estimate(oneRequest);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long kvCacheOnlyBaseline() {
        return KvCacheModel.bytes(llama70b, 8192, 1, KvCacheFormat.F16, 256);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void catalogSweep(Blackhole bh) {
        for (ModelArchitecture a : models) {
            for (Precision p : Precision.values()) {
                for (long ctx : CONTEXTS) {
                    bh.consume(MemoryModel.estimate(MemoryRequest.of(a, p, ctx)).totalBytes());
                }
            }
        }
    }
}
