package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.headroom.sizing.hardware.GpuInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link GpuSource} promises, checked once here and plugged into by each implementation with
 * two factories (the Micrometer style of shared contract tests).
 */
abstract class GpuSourceContract {
    @TempDir
    Path tmp;

    /** The source fed with a real capture in which it sees at least one GPU. */
    abstract GpuSource seeingGpus(Path tmp);

    /** The source fed with missing, failing or garbage input. */
    abstract GpuSource seeingNothing(Path tmp);

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

    @Test
    void aSourceThatSeesNothingSaysWhyAndDoesNotThrow() {
        GpuSource source = seeingNothing(tmp);
        assertThatCode(source::read).doesNotThrowAnyException();
        GpuReadings r = source.read();
        assertThat(r.gpus()).isEmpty();
        assertThat(r.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank().doesNotContain("\n\tat "));
    }
}
