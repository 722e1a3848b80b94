package dev.headroom.advisor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.TestMachines;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.units.ByteUnits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fit verdicts on fixed machines (no probe): a 16 GiB CPU-only box and the same box with a 24 GiB GPU. */
class FitCalculatorTest {
    private static final CpuInfo CPU = new CpuInfo("AMD", "test CPU", 8, 16, 16, List.of("avx2"));
    private final ModelCatalog catalog = ModelCatalog.bundled();

    private static FitCalculator machine(long ramGib, long gpuGib) {
        List<GpuInfo> gpus = gpuGib == 0 ? List.of()
                : List.of(new GpuInfo(0, "NVIDIA", "NVIDIA GeForce RTX 4090", gpuGib * ByteUnits.GIB, gpuGib * ByteUnits.GIB, false, "test"));
        HardwareProfile hw = new HardwareProfile("h", "linux", CPU,
                new MemoryInfo(ramGib * ByteUnits.GIB, ramGib * ByteUnits.GIB, MemoryInfo.NO_LIMIT, 0), gpus, List.of());
        return new FitCalculator(TestMachines.of(hw), new Advisor(ModelCatalog.bundled()), 4096, FitPolicy.DEFAULT);
    }

    @Test
    void aCnnOnACpuNeedsFp32WeightsPlusActivationsPlusTheFrameworkAllowance() {
        Fit f = machine(16, 0).of(catalog.get("resnet-50"), 1);
        // torchvision: 25,557,032 parameters; activation estimate 3 x 56 x 56 x 256 x 4 B
        assertThat(f.neededBytes()).isEqualTo(25_557_032L * 4 + 3L * 56 * 56 * 256 * 4 + FitCalculator.FRAMEWORK_BYTES);
        assertThat(f.where()).isEqualTo("CPU");
        assertThat(f.rate()).isPositive();
        assertThat(f.rateUnit()).isEqualTo("items/s");
    }

    @Test
    void onAGpuTheSameCnnIsSizedInFp16() {
        Fit f = machine(16, 24).of(catalog.get("resnet-50"), 1);
        assertThat(f.where()).isEqualTo("GPU");
        assertThat(f.precision()).isEqualTo("FP16");
        assertThat(f.neededBytes()).isEqualTo(25_557_032L * 2 + 3L * 56 * 56 * 256 * 4 + FitCalculator.FRAMEWORK_BYTES);
    }

    @Test
    void largeLlmsDoNotFitASmallMachineAndApiModelsAreRankedLast() {
        FitCalculator small = machine(16, 0);
        assertThat(small.of(catalog.get("llama-3.1-405b"), 1).fits()).isFalse();
        assertThat(small.of(catalog.get("llama-3.1-405b"), 1).group()).isEqualTo(3);
        assertThat(small.of(catalog.get("gpt-4o"), 1).group()).isEqualTo(4);
        Fit tiny = small.of(catalog.get("qwen2.5-0.5b"), 1);
        assertThat(tiny.fits()).isTrue();
        assertThat(tiny.rateUnit()).isEqualTo("tok/s");
    }

    @Test
    void classicalModelsUseTheLargestSizeOfTheirTier() {
        FitCalculator m = machine(16, 0);
        // brief tiers for Random Forest: 5-50 MB below 10K rows, 200 MB-2 GB above 1M rows
        assertThat(m.of(catalog.get("random-forest"), 5_000).neededBytes()).isEqualTo(50_000_000L + FitCalculator.FRAMEWORK_BYTES / 4);
        assertThat(m.of(catalog.get("random-forest"), 5_000_000).neededBytes()).isEqualTo(2_000_000_000L + FitCalculator.FRAMEWORK_BYTES / 4);
    }
}
