package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import dev.headroom.sizing.hardware.Confidence;
import org.junit.jupiter.api.Test;

/** amdgpu and i915/xe sysfs trees; provenance in fixtures/README.md. */
class SysfsGpuSourcesTest {
    @Test
    void amdgpuVramFilesGiveTheDiscreteCardAndTheApuCarveOutIsOnlyANote() {
        GpuReadings r = new AmdSysfsGpuSource(Fixtures.path("sysfs/amd-navi21-and-raphael/class/drm")).read();
        assertThat(r.gpus()).singleElement().satisfies(g -> {
            assertThat(g.index()).isZero();
            assertThat(g.pciId()).isEqualTo("1002:73bf");
            assertThat(g.memoryTotalBytes()).isEqualTo(17_163_091_968L);
            assertThat(g.memoryFreeBytes()).isEqualTo(17_163_091_968L - 692_142_080L);
        });
        assertThat(r.problems()).singleElement().asString().contains("1002:164e").contains("64 MiB carve-out");
    }

    @Test
    void anIntegratedIntelGpuWithoutLocalMemoryIsANoteNotAGpu() {
        GpuReadings r = new IntelSysfsGpuSource(Fixtures.path("sysfs/intel-igpu/class/drm")).read();
        assertThat(r.gpus()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("8086:46a6").contains("integrated");
    }

    @Test
    void anIntelDiscreteGpuReportsItsLocalMemoryWithMediumConfidence() {
        GpuReadings r = new IntelSysfsGpuSource(Fixtures.path("sysfs/intel-arc-lmem/class/drm")).read();
        assertThat(r.gpus()).singleElement().satisfies(g -> {
            assertThat(g.memoryTotalBytes()).isEqualTo(16L << 30);
            assertThat(g.memoryFreeBytes()).isEqualTo(15L << 30);
            assertThat(g.confidence()).isEqualTo(Confidence.MEDIUM);
        });
    }

    @Test
    void theAmdSourceIgnoresIntelCardsAndViceVersa() {
        assertThat(new AmdSysfsGpuSource(Fixtures.path("sysfs/intel-arc-lmem/class/drm")).read().gpus()).isEmpty();
        assertThat(new IntelSysfsGpuSource(Fixtures.path("sysfs/amd-navi21-and-raphael/class/drm")).read().gpus()).isEmpty();
    }
}
