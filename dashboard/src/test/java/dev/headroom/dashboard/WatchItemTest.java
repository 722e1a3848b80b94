package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.quant.Precision;
import org.junit.jupiter.api.Test;

class WatchItemTest {
    @Test
    void parsesModelPrecisionAndContext() {
        WatchItem w = WatchItem.parse(" llama-3-8b:q4_k_m:8192 ");
        assertThat(w).isEqualTo(new WatchItem("llama-3-8b", Precision.Q4_K_M, 8192));
        assertThat(w).hasToString("llama-3-8b:Q4_K_M:8192");
    }

    @Test
    void precisionAndContextDefaultToQ4KMAnd4096() {
        assertThat(WatchItem.parse("mistral-7b")).isEqualTo(new WatchItem("mistral-7b", Precision.Q4_K_M, 4096));
        assertThat(WatchItem.parse("mistral-7b:Q8_0")).isEqualTo(new WatchItem("mistral-7b", Precision.Q8_0, 4096));
    }

    @Test
    void badEntriesNameWhatIsWrong() {
        assertThatThrownBy(() -> WatchItem.parse("llama-3-8b:Q4_K_M:lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context").hasMessageContaining("lots");
        assertThatThrownBy(() -> WatchItem.parse("llama-3-8b:Q4_K_X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quant").hasMessageContaining("Q4_K_M");
        assertThatThrownBy(() -> WatchItem.parse("a:b:c:d:e:f:g")).hasMessageContaining("too many");
        assertThatThrownBy(() -> WatchItem.parse("llama-3-8b:Q4_0:0")).hasMessageContaining("context");
        assertThatThrownBy(() -> WatchItem.parse(":Q4_0:10")).hasMessageContaining("model missing");
        assertThatThrownBy(() -> WatchItem.parse("")).hasMessageContaining("empty");
    }
}
