package dev.headroom.sizing.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.units.ByteUnits;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitPlannerTest {
    static final ModelArchitecture LLAMA_2_7B = ModelArchitecture.llama(32, 4096, 32, 32, 11008, 32000, 4096).build();
    static final CpuInfo CPU = new CpuInfo("x", "x", 8, 16, 16, List.of("avx2"));

    static HardwareProfile machine(long ramGib, long... gpuGib) {
        List<GpuInfo> gpus = new java.util.ArrayList<>();
        for (int i = 0; i < gpuGib.length; i++) {
            gpus.add(new GpuInfo(i, "NVIDIA", "test", gpuGib[i] * ByteUnits.GIB, gpuGib[i] * ByteUnits.GIB, false, "test"));
        }
        return new HardwareProfile("h", "linux", CPU, new MemoryInfo(ramGib * ByteUnits.GIB, ramGib * ByteUnits.GIB, MemoryInfo.NO_LIMIT, 0), gpus, List.of());
    }

    @Test
    void aQuantizedSevenBillionModelFitsOnA24GibGpu() {
        Placement p = FitPlanner.place(machine(32, 24), DeploymentRequest.of(LLAMA_2_7B, Precision.Q4_0, 4096));
        assertThat(p).isInstanceOf(Placement.OnGpu.class);
        assertThat(p.headroomBytes()).isPositive();
    }

    @Test
    void tooLargeForTheGpuSplitsLayersOntoTheCpu() {
        Placement p = FitPlanner.place(machine(64, 8), DeploymentRequest.of(LLAMA_2_7B, Precision.F16, 4096));
        assertThat(p).isInstanceOf(Placement.Split.class);
        Placement.Split s = (Placement.Split) p;
        assertThat(s.gpuLayers()).isBetween(1, 31);
        assertThat(s.gpuBytes()).isLessThanOrEqualTo(8 * ByteUnits.GIB);
    }

    @Test
    void withoutAGpuItRunsOnTheCpuOrNotAtAll() {
        assertThat(FitPlanner.place(machine(16), DeploymentRequest.of(LLAMA_2_7B, Precision.Q4_0, 4096)))
                .isInstanceOf(Placement.OnCpu.class);
        Placement none = FitPlanner.place(machine(4), DeploymentRequest.of(LLAMA_2_7B, Precision.F16, 4096));
        assertThat(none).isInstanceOf(Placement.DoesNotFit.class);
        assertThat(none.headroomBytes()).isNegative();
    }

    @Test
    void aContainerLimitCapsTheRamBudget() {
        HardwareProfile host = machine(64);
        HardwareProfile limited = new HardwareProfile("h", "linux", CPU,
                new MemoryInfo(64 * ByteUnits.GIB, 60 * ByteUnits.GIB, 4 * ByteUnits.GIB, ByteUnits.GIB), List.of(), List.of());
        DeploymentRequest r = DeploymentRequest.of(LLAMA_2_7B, Precision.Q4_0, 4096);
        assertThat(FitPlanner.place(host, r).fits()).isTrue();
        assertThat(FitPlanner.place(limited, r).fits()).isFalse();
    }
}
