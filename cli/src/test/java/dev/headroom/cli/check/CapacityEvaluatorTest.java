package dev.headroom.cli.check;

import static dev.headroom.cli.check.CheckFixtures.evaluate;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.InvalidInputException;
import dev.headroom.advisor.profile.SavedProfileReader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.units.ByteUnits;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityEvaluatorTest {
    private static final String CHAT = """
            requirements:
              - name: chat-assistant
                model: llama-3-8b
                quant: Q4_K_M
                context: 8192
                concurrency: 4
                minDecodeTokensPerSecond: 10
                minPrefillTokensPerSecond: 200
                minHeadroom: 10%
            """;

    @Test
    void theSameRequirementIsMetOnA24GibGpuAndNotOnTheTwoCoreVm() {
        RequirementResult gpu = evaluate(CheckFixtures.rtx4090(), CHAT);
        RequirementResult vm = evaluate(CheckFixtures.vm(), CHAT);

        assertThat(gpu.met()).as(gpu.failures().toString()).isTrue();
        assertThat(gpu.placement()).isEqualTo("GPU");
        assertThat(gpu.availableBytes()).isEqualTo(24076L << 20); // the fixture's free VRAM
        assertThat(gpu.decodeTokensPerSecond()).isGreaterThan(10);

        assertThat(vm.met()).isFalse();
        assertThat(vm.placement()).isEqualTo("CPU");
        assertThat(vm.availableBytes()).isEqualTo(24822644736L); // the capture's MemAvailable
        assertThat(vm.decodeTokensPerSecond()).isLessThan(10);
        assertThat(vm.failures()).anySatisfy(f -> assertThat(f).startsWith("decode ").endsWith("is below the minimum 10 tokens/s"));
        // Weights and KV cache do not depend on the machine; a CPU placement charges no CUDA context.
        assertThat(vm.memory().weightsBytes()).isEqualTo(gpu.memory().weightsBytes());
        assertThat(vm.memory().kvCacheBytes()).isEqualTo(gpu.memory().kvCacheBytes());
        assertThat(vm.memory().bytesOf("runtimeOverhead")).isZero();
        assertThat(gpu.memory().bytesOf("runtimeOverhead")).isPositive();
    }

    @Test
    void concurrencyIsTheEnginesSequenceCountAndGrowsTheKvCache() {
        RequirementResult one = evaluate(CheckFixtures.vm(), "requirements:\n  - {name: a, model: llama-3-8b, context: 8192, concurrency: 1}\n");
        RequirementResult four = evaluate(CheckFixtures.vm(), "requirements:\n  - {name: a, model: llama-3-8b, context: 8192, concurrency: 4}\n");
        // Llama 3 8B: 32 layers x 8 KV heads x 128 x (K + V) x 2 bytes = 128 KiB per token at F16.
        assertThat(one.memory().kvCacheBytes()).isEqualTo(8192L * 128 * 1024);
        assertThat(four.memory().kvCacheBytes()).isEqualTo(4 * one.memory().kvCacheBytes());
    }

    @Test
    void deviceCpuIgnoresTheGpu() {
        RequirementResult r = evaluate(CheckFixtures.rtx4090(), CHAT.replace("concurrency: 4", "concurrency: 4\n    device: cpu"));
        assertThat(r.placement()).isEqualTo("CPU");
        assertThat(r.pool()).isEqualTo("host RAM");
        assertThat(r.availableBytes()).isEqualTo(62277386240L);
    }

    @Test
    void aGpuThatIsNotThereIsNotMetAndSaysWhichGpusExist() {
        RequirementResult r = evaluate(CheckFixtures.rtx4090(), CHAT.replace("concurrency: 4", "concurrency: 4\n    device: gpu:1"));
        assertThat(r.met()).isFalse();
        assertThat(r.failures()).containsExactly("device gpu:1 is not on gpu-box: its GPUs are gpu:0");
        assertThat(r.speedEstimated()).isFalse();
        RequirementResult none = evaluate(CheckFixtures.vm(), CHAT.replace("concurrency: 4", "concurrency: 4\n    device: gpu:0"));
        assertThat(none.failures()).containsExactly("device gpu:0 is not on vm: it has no GPU");
    }

    @Test
    void aGpuDeviceMustHoldTheWholeModel() {
        // Llama 3 70B at Q4_K_M is ~40 GiB: it spills to host RAM on a 24 GiB card.
        String yaml = "requirements:\n  - {name: big, model: llama-3-70b, quant: Q4_K_M, context: 4096, device: gpu:0}\n";
        RequirementResult onGpu0 = evaluate(CheckFixtures.rtx4090(), yaml);
        assertThat(onGpu0.met()).isFalse();
        assertThat(onGpu0.placement()).startsWith("GPU+CPU");
        assertThat(onGpu0.failures()).singleElement().asString().startsWith("does not fit in gpu:0's 23.51 GiB of free memory: needs ");
        RequirementResult anywhere = evaluate(CheckFixtures.rtx4090(), yaml.replace("gpu:0", "any"));
        assertThat(anywhere.met()).isTrue();
        assertThat(anywhere.placement()).isEqualTo(onGpu0.placement());
    }

    @Test
    void aDeploymentThatFitsNowhereSaysByHowMuch() {
        RequirementResult r = evaluate(CheckFixtures.vm(), "requirements:\n  - {name: big, model: llama-3-70b, quant: F16, context: 8192, concurrency: 4}\n");
        assertThat(r.placement()).isEqualTo("no fit");
        assertThat(r.headroomBytes()).isNegative();
        assertThat(r.failures()).singleElement().asString()
                .startsWith("does not fit: needs " + ByteUnits.formatIec(r.neededBytes()) + ", the largest memory pool has 23.12 GiB (short by ");
        assertThat(r.speedEstimated()).isFalse();
    }

    @Test
    void headroomThresholdsCompareWithTheMarginInThePoolTheModelRunsIn() {
        String base = "requirements:\n  - {name: a, model: mistral-7b, quant: Q8_0, context: 4096, minHeadroom: %s}\n";
        RequirementResult loose = evaluate(CheckFixtures.rtx4090(), base.formatted("10%"));
        double ratio = loose.headroomRatio();
        assertThat(loose.pool()).isEqualTo("GPU memory");
        assertThat(ratio).isBetween(0.1, 0.9);
        assertThat(loose.met()).isTrue();
        long percent = (long) Math.ceil(ratio * 100);
        RequirementResult strict = evaluate(CheckFixtures.rtx4090(), base.formatted(percent + "%"));
        assertThat(strict.met()).isFalse();
        assertThat(strict.failures()).singleElement().asString().contains("is below the minimum " + percent + "%");
        RequirementResult bytes = evaluate(CheckFixtures.rtx4090(), base.formatted(loose.headroomBytes() + 1));
        assertThat(bytes.failures()).singleElement().asString().contains("of GPU memory) is below the minimum");
        RequirementResult exact = evaluate(CheckFixtures.rtx4090(), base.formatted(loose.headroomBytes()));
        assertThat(exact.met()).as(exact.failures() + " " + loose.headroomBytes()).isTrue();
    }

    @Test
    void gpusMissingFromTheAcceleratorCatalogAreNoted() {
        HardwareProfile vm = CheckFixtures.vm();
        HardwareProfile odd = new HardwareProfile("odd", vm.os(), vm.cpu(), vm.memory(),
                List.of(new GpuInfo(0, "NVIDIA", "NVIDIA Mystery 9000", 8L << 30, GpuInfo.UNKNOWN, false, "nvidia-smi")), List.of());
        assertThat(CheckFixtures.evaluator(odd).notes())
                .contains("GPU 0 'NVIDIA Mystery 9000' is not in the accelerator catalog: its speeds are unknown (memory checks are unaffected)");
        assertThat(CheckFixtures.evaluator(CheckFixtures.rtx4090()).notes()).noneMatch(n -> n.startsWith("GPU"));
    }
}
