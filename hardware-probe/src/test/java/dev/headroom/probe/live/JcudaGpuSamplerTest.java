package dev.headroom.probe.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.hardware.GpuInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class JcudaGpuSamplerTest {
    @Test
    void withoutGpusAtStartUpItReadsNothing() {
        assertThat(new JcudaGpuSampler(List.of()).sample()).isEmpty();
    }

    @Test
    void gpusOfOtherSourcesAreNotReadThroughJcuda() {
        GpuInfo apple = new GpuInfo(0, "Apple", "Apple M2 Max", 48L << 30, GpuInfo.UNKNOWN, true, "sysctl");
        assertThat(new JcudaGpuSampler(List.of(apple)).sample()).isEmpty();
    }

    @Test
    void betweenRefreshesTheStartUpReadingIsReusedWithUnknownUtilisation() {
        // A reading as the start-up probe made it (GTX 1060 3GB numbers from glances issue 1523).
        GpuInfo gpu = new GpuInfo(0, "NVIDIA", "GeForce GTX 1060 3GB", 3156738048L, 2471297024L, false, "jcuda");
        JcudaGpuSampler s = new JcudaGpuSampler(List.of(gpu), 5_000, () -> 0L);
        // the first call refreshes through JCuda; this machine has no driver, so the start-up reading stays
        List<GpuSample> first = s.sample();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).memoryUsedBytes()).isEqualTo(3156738048L - 2471297024L);
        assertThat(first.get(0).hasUtilization()).isFalse();
    }
}
