package dev.headroom.sizing.speed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.model.ArchitectureExtensionsTest;
import dev.headroom.sizing.model.ModelArchitecture;
import org.junit.jupiter.api.Test;

/** Attention work per decoded token follows the layer kinds: windows cap it, recurrent layers keep it constant. */
class LayerKindSpeedTest {
    @Test
    void slidingLayersAttendAtMostTheirWindow() {
        ModelArchitecture gemma = ArchitectureExtensionsTest.GEMMA_3_12B;
        // 8 global layers over 32768 tokens + 40 local layers over 1024: 16 heads x 256 x 4 FLOP per cached token.
        assertThat(SpeedModel.attentionFlops(gemma, 32768)).isEqualTo(4.0 * 16 * 256 * (8 * 32768.0 + 40 * 1024.0));
    }

    @Test
    void latentAttentionDecodesOverTheLatent() {
        // Absorbed MLA: 128 heads x 2 x (2 x 512 + 64) FLOP per cached token and layer, 61 layers.
        assertThat(SpeedModel.attentionFlops(ArchitectureExtensionsTest.DEEPSEEK_V3, 1000))
                .isEqualTo(2.0 * 128 * (2 * 512 + 64) * 61 * 1000);
    }

    @Test
    void recurrentLayersCostTheSameAtAnyContext() {
        ModelArchitecture jamba = ArchitectureExtensionsTest.JAMBA;
        double growth = SpeedModel.attentionFlops(jamba, 32768) - SpeedModel.attentionFlops(jamba, 16384);
        // Only the 4 attention layers grow: 32 heads x 128 x 4 FLOP x 16384 more tokens each.
        assertThat(growth).isEqualTo(4.0 * 32 * 128 * 4 * 16384);
    }
}
