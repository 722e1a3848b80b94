package dev.headroom.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This CI machine has no NVIDIA driver: JCuda's native loading fails, which must stay a one-line reason. */
class JcudaProbeTest {
    @Test
    void aMissingDriverIsReportedOnceAsAReasonAndRememberedWithoutRetrying() {
        List<String> first = new ArrayList<>();
        assertThat(JcudaProbe.probe(first)).isEmpty();
        assertThat(first).singleElement().asString().startsWith("no NVIDIA driver (JCuda: ").doesNotContain("\n");
        List<String> second = new ArrayList<>();
        assertThat(JcudaProbe.probe(second)).isEmpty();
        // Later calls hit NoClassDefFoundError in JCuda; the cached first reason is what users see.
        assertThat(second).containsExactlyElementsOf(first);
    }

    @Test
    void peakBandwidthFollowsTheDoubleDataRateFormula() {
        // RTX 4090: CUDA reports a 10501000 kHz memory clock and a 384-bit bus; datasheet 1008 GB/s (deviceQuery prints "Memory Clock rate: 10501 Mhz").
        assertThat(JcudaProbe.peakBandwidth(10_501_000, 384)).isEqualTo(1.008096e12);
        // A100 SXM4 40GB: 1215000 kHz, 5120-bit HBM2 bus; datasheet 1555 GB/s.
        assertThat(JcudaProbe.peakBandwidth(1_215_000, 5120)).isEqualTo(1.5552e12);
        assertThat(JcudaProbe.peakBandwidth(0, 384)).isZero();
    }
}
