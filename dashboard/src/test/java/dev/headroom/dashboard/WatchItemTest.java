package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.quant.Precision;
import org.junit.jupiter.api.Test;

class WatchItemTest {
    @Test
    void parsesModelPrecisionAndContext() {
        WatchItem w = WatchItem.parse(" llama-3-8b:q4_k_m:8192 ");
        assertThat(w).isEqualTo(new WatchItem("llama-3-8b", Precision.Q4_K_M, 8192, "q4_k_m"));
        assertThat(w.precisionGiven()).isTrue();
        assertThat(w).hasToString("llama-3-8b:Q4_K_M:8192");
    }

    @Test
    void precisionAndContextDefaultToQ4KMAnd4096() {
        assertThat(WatchItem.parse("mistral-7b")).isEqualTo(new WatchItem("mistral-7b", Precision.Q4_K_M, 4096, null));
        assertThat(WatchItem.parse("mistral-7b").precisionGiven()).isFalse();
        assertThat(WatchItem.parse("mistral-7b:Q8_0")).isEqualTo(new WatchItem("mistral-7b", Precision.Q8_0, 4096));
    }

    @Test
    void modelNamesMayHoldColonsOllamaStyle() {
        assertThat(WatchItem.parse("llama3.1:8b")).isEqualTo(new WatchItem("llama3.1:8b", Precision.Q4_K_M, 4096, null));
        assertThat(WatchItem.parse("qwen3:8b")).isEqualTo(new WatchItem("qwen3:8b", Precision.Q4_K_M, 4096, null));
        assertThat(WatchItem.parse("qwen3:8b:8192")).isEqualTo(new WatchItem("qwen3:8b", Precision.Q4_K_M, 8192, null));
        assertThat(WatchItem.parse("ollama:qwen3:8b:Q4_K_M:16384")).isEqualTo(new WatchItem("ollama:qwen3:8b", Precision.Q4_K_M, 16384));
        // The tag reads as a precision; the resolver tries the whole name when the model alone is unknown.
        WatchItem hf = WatchItem.parse("hf.co/org/repo:Q4_K_M");
        assertThat(hf.model()).isEqualTo("hf.co/org/repo");
        assertThat(hf.precisionText()).isEqualTo("Q4_K_M");
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
