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
    void aCnnOnACpuIsSizedByItsWorkloadModelInFp32() {
        Fit f = machine(16, 0).of(catalog.get("resnet-50"), 1);
        // torchvision resnet50: 25,557,032 parameters, FP32 on a CPU, plus activations and the CPU runtime allowance
        assertThat(f.neededBytes()).isGreaterThan(25_557_032L * 4).isLessThan(25_557_032L * 4 + (300L << 20));
        assertThat(f.where()).isEqualTo("CPU");
        assertThat(f.precision()).isEqualTo("FP32");
        assertThat(f.rate()).isPositive();
        assertThat(f.rateUnit()).isEqualTo("images/s");
    }

    @Test
    void onAGpuTheSameCnnIsSizedInFp16AndRunsFaster() {
        Fit cpu = machine(16, 0).of(catalog.get("resnet-50"), 1);
        Fit f = machine(16, 24).of(catalog.get("resnet-50"), 1);
        assertThat(f.where()).isEqualTo("GPU");
        assertThat(f.precision()).isEqualTo("FP16");
        assertThat(f.neededBytes()).isGreaterThan(25_557_032L * 2);
        assertThat(f.rate()).isGreaterThan(10 * cpu.rate());
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
    void classicalModelsGrowWithTheirTrainingRows() {
        FitCalculator m = machine(16, 0);
        // brief tiers for Random Forest: 5-50 MB below 10K rows, 200 MB-2 GB above 1M rows
        Fit small = m.of(catalog.get("random-forest"), 5_000);
        Fit large = m.of(catalog.get("random-forest"), 5_000_000);
        assertThat(small.fits()).isTrue();
        assertThat(large.neededBytes()).isGreaterThan(small.neededBytes() + 150_000_000L);
        assertThat(small.rateUnit()).isEqualTo("rows/s");
    }
}
