package dev.headroom.sizing.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.ServingEstimate;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.speed.SpeedModel;
import org.junit.jupiter.api.Test;

/** The simulator's step times are the speed model's own. */
class SpeedModelStepTimeTest {
    /** NVIDIA H100 SXM datasheet: 3350 GB/s, 989.4 TFLOP/s dense BF16 (catalog accelerators.csv). */
    static final SpeedCeilings H100 = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "H100 SXM", 3350e9, 989.4e12);
    static final DeploymentRequest LLAMA = new DeploymentRequest(ReferenceModels.LLAMA_3_8B, Precision.BF16, 4096, 1,
            GgmlType.F16, RuntimeProfile.VLLM);
    static final ServerConfig SERVER = new ServerConfig(new KvPool.Paged(30_000, 16), 8192, 256, 8192);

    @Test
    void aDecodeStepIsTheBatchOverTheSpeedModelsAggregateRate() {
        SpeedModelStepTime steps = new SpeedModelStepTime(LLAMA, H100, 2);
        for (int batch : new int[] {1, 8, 64, 256}) {
            ServingEstimate e = SpeedModel.serve(new DeploymentRequest(LLAMA.model(), LLAMA.precision(), 1024, batch,
                    GgmlType.F16, RuntimeProfile.VLLM), H100, 2, 1, 1024);
            assertThat(steps.decodeStepSeconds(batch, 1024)).isCloseTo(batch / e.aggregateTokensPerSecond(), within(1e-12));
        }
    }

    @Test
    void aSingleUsersFirstTwoTokensTakeTheSpeedModelsTimeToFirstTokenAndItsTpotIsOneDecodeStep() {
        SpeedModelStepTime steps = new SpeedModelStepTime(LLAMA, H100, 1);
        ServingResult r = ServingSimulator.run(SERVER, steps, new Workload(new Arrivals.ClosedLoop(1, 0),
                new LengthDistribution.Fixed(1000), new LengthDistribution.Fixed(2), 1, 0, 1));
        ServingEstimate e = SpeedModel.serve(LLAMA, H100, 1, 1000, 1000);
        // The engine's timeToFirstToken is prefill + one decode step; the server samples its first token at
        // the end of the prefill pass and the second one a decode step later.
        assertThat(r.ttft().p50()).isCloseTo(1000 / e.prefillTokensPerSecond(), within(1e-9));
        assertThat(r.e2e().p50()).isCloseTo(e.timeToFirstTokenSeconds(), within(0.01 * e.timeToFirstTokenSeconds()));
        assertThat(r.tpot().p50()).isCloseTo(1 / e.decodeTokensPerSecond(), within(0.01 / e.decodeTokensPerSecond()));
    }

    @Test
    void aChunkAfterCachedTokensCostsMoreThanTheSameChunkAlone() {
        SpeedModelStepTime steps = new SpeedModelStepTime(LLAMA, H100, 1);
        assertThat(steps.prefillSeconds(2048, 30_000)).isGreaterThan(steps.prefillSeconds(2048, 0));
        assertThat(steps.prefillSeconds(2048, 0)).isCloseTo(2048 / SpeedModel.serve(LLAMA, H100, 1, 2048, 0).prefillTokensPerSecond(),
                within(1e-12));
    }

    @Test
    void aMixedStepSharesOneWeightPassAndIsNeverShorterThanEitherPart() {
        SpeedModelStepTime steps = new SpeedModelStepTime(LLAMA, H100, 1);
        double decode = steps.decodeStepSeconds(64, 1000);
        double prefill = steps.prefillSeconds(2000, 0);
        double mixed = steps.stepSeconds(64, 1000, 2000, 0);
        assertThat(mixed).isGreaterThanOrEqualTo(Math.max(decode, prefill)).isLessThan(decode + prefill);
    }

    @Test
    void saturationThroughputOnTheSpeedModelIsTheFullBatchOverItsStepTime() {
        // 512 users on max_num_seqs 256, 100-token prompts: the batch stays full. The throughput lies between the full
        // batch's decode ceiling and what decode plus every prompt run one after another would give (the simulator mixes
        // prompt chunks into decode steps, sharing their weight pass, so it can only do better than that).
        SpeedModelStepTime steps = new SpeedModelStepTime(LLAMA, H100, 1);
        ServingResult r = ServingSimulator.run(SERVER, steps, new Workload(new Arrivals.ClosedLoop(512, 0),
                new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(400), 3000, 600, 1));
        double step = steps.decodeStepSeconds(256, 300);
        double ceiling = 256 / step;
        double sequential = 256.0 * 400 / (400 * step + 256 * steps.prefillSeconds(100, 0));
        assertThat(sequential).isLessThan(ceiling);
        assertThat(r.outputTokensPerSecond()).isLessThanOrEqualTo(ceiling * 1.02).isGreaterThan(sequential * 0.95);
    }
}
