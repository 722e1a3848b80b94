package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.hardware.GpuInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GpuSource} promises, checked once here and plugged into by each implementation with
 * two factories (the Micrometer style of shared contract tests). The failure half is {@link
 * GpuSourceFailureContract}, which sources that cannot see a GPU on this machine (JCuda) still pass.
 */
abstract class GpuSourceContract extends GpuSourceFailureContract {
    /** The source fed with a real capture in which it sees at least one GPU. */
    abstract GpuSource seeingGpus(Path tmp);

    @Test
    void appliesWhenItsInputIsThere() {
        assertThat(seeingGpus(tmp).applies()).isTrue();
    }

    @Test
    void everyReadingCarriesTheSourceNameAVendorAndAConfidence() {
        GpuSource source = seeingGpus(tmp);
        GpuReadings r = source.read();
        assertThat(r.gpus()).isNotEmpty();
        for (GpuInfo g : r.gpus()) {
            assertThat(g.source()).isEqualTo(source.name());
            assertThat(g.vendor()).isNotBlank().isNotEqualTo("unknown");
            if (!source.vendor().equals("any")) {
                assertThat(g.vendor()).isEqualTo(source.vendor());
            }
            assertThat(g.confidence()).isNotNull();
            assertThat(g.name()).isNotBlank();
        }
    }

    @Test
    void freeMemoryIsUnknownOrAtMostTheTotal() {
        for (GpuInfo g : seeingGpus(tmp).read().gpus()) {
            assertThat(g.memoryFreeBytes() == GpuInfo.UNKNOWN || g.memoryFreeBytes() <= g.memoryTotalBytes())
                    .as("free %d vs total %d", g.memoryFreeBytes(), g.memoryTotalBytes()).isTrue();
        }
    }
}
