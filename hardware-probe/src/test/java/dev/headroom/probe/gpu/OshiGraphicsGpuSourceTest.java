package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.gpu.OshiGraphicsGpuSource.Card;
import dev.headroom.sizing.hardware.Confidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class OshiGraphicsGpuSourceTest {
    @Test
    void knownBogusVramFiguresAreDroppedWithAReason() {
        GpuReadings r = OshiGraphicsGpuSource.filter(List.of(
                new Card("unknown", "unknown", "0x0000", 0),
                new Card("NVIDIA GeForce RTX 3090", "NVIDIA", "0x2204", 256L << 20),
                new Card("NVIDIA GeForce RTX 4090", "NVIDIA Corporation", "0x2684", 4L << 30),
                new Card("AMD Radeon RX 7900 XTX", "Advanced Micro Devices, Inc.", "0x744c", (4L << 30) - 1),
                new Card("Intel(R) UHD Graphics 770", "Intel Corporation", "0x4680", 0),
                new Card("NVIDIA GeForce RTX 3060", "NVIDIA", "0x2504", 12L << 30)));
        assertThat(r.gpus()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("NVIDIA GeForce RTX 3060");
            assertThat(g.vendor()).isEqualTo("NVIDIA");
            assertThat(g.confidence()).isEqualTo(Confidence.LOW);
            assertThat(g.source()).isEqualTo("oshi");
        });
        assertThat(r.problems()).hasSize(5);
        assertThat(String.join("\n", r.problems())).contains("phantom", "PCI BAR window", "WMI AdapterRAM cap", "0 bytes");
    }
}
