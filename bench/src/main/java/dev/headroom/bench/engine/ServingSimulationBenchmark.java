package dev.headroom.bench.engine;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.serving.Arrivals;
import dev.headroom.sizing.serving.CapacitySearch;
import dev.headroom.sizing.serving.LengthDistribution;
import dev.headroom.sizing.serving.ServerConfig;
import dev.headroom.sizing.serving.ServingCapacity;
import dev.headroom.sizing.serving.ServingResult;
import dev.headroom.sizing.serving.ServingSimulator;
import dev.headroom.sizing.serving.ServingTargets;
import dev.headroom.sizing.serving.SpeedModelStepTime;
import dev.headroom.sizing.serving.Workload;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.SpeedCeilings;
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
 * The serving simulation for one configuration: Llama-3-8B BF16 under vLLM on one H100 SXM (datasheet
 * 3350 GB/s, 989.4 TFLOP/s), 2,000 requests of 1000 prompt + 200 output tokens. {@code closedLoop200Users}
 * is the acceptance workload of issue 15; {@code poissonLognormal} a chat-like open loop;
 * {@code capacitySearch} the bisection for the most users within TTFT p95 2 s and TPOT p95 50 ms;
 * {@code stepTimeLookup} the memoised step-time call each simulated step makes (the baseline).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ServingSimulationBenchmark {
    ServerConfig server;
    SpeedModelStepTime steps;
    Workload closed;
    Workload poisson;
    ServingTargets targets;

    @Setup
    public void setUp() {
        ModelArchitecture llama3 = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 128256, 8192).build();
        SpeedCeilings h100 = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "H100 SXM", 3350e9, 989.4e12);
        server = ServerConfig.vllmDefaults(new MemoryRequest(llama3, Precision.BF16, 8192, 1, KvCacheFormat.BF16, RuntimeProfile.VLLM, 1),
                80L << 30, "NVIDIA H100 80GB HBM3", 8192);
        steps = new SpeedModelStepTime(new DeploymentRequest(llama3, Precision.BF16, 8192, 1, GgmlType.F16, RuntimeProfile.VLLM), h100, 1);
        closed = Workload.of(new Arrivals.ClosedLoop(200, 0), new LengthDistribution.Fixed(1000), new LengthDistribution.Fixed(200));
        poisson = Workload.of(new Arrivals.Poisson(10), new LengthDistribution.LogNormal(1000, 0.8, 8000),
                new LengthDistribution.LogNormal(200, 0.8, 1000));
        targets = new ServingTargets(2.0, 0.050, 0);
    }

    @Benchmark
    public ServingResult closedLoop200Users() {
        return ServingSimulator.run(server, steps, closed);
    }

    @Benchmark
    public ServingResult poissonLognormal() {
        return ServingSimulator.run(server, steps, poisson);
    }

    @Benchmark
    public ServingCapacity capacitySearch() {
        return CapacitySearch.search(server, steps, closed, targets);
    }

    @Benchmark
    public double stepTimeLookup() {
        return steps.stepSeconds(180, 1100, 1000, 0);
    }
}
