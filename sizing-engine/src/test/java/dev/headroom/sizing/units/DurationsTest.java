package dev.headroom.sizing.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void latencyTargetsAsPeopleWriteThem() {
        assertThat(Durations.seconds("--ttft-p95", "2s")).isEqualTo(2.0);
        assertThat(Durations.seconds("--tpot", "50ms")).isCloseTo(0.05, within(1e-12));
        assertThat(Durations.seconds("--tpot", "0.05")).isEqualTo(0.05);
        assertThat(Durations.seconds("--tpot", "800us")).isCloseTo(0.0008, within(1e-12));
        assertThat(Durations.seconds("--ttft-p95", "1.5 S")).isEqualTo(1.5);
        assertThat(Durations.seconds("x", "1min")).isEqualTo(60);
    }

    @Test
    void nonsenseIsOneLineNamingTheField() {
        assertThatThrownBy(() -> Durations.seconds("--tpot", "fast")).hasMessageStartingWith("--tpot: 'fast' is not a duration");
        assertThatThrownBy(() -> Durations.seconds("--tpot", "-1s")).hasMessageContaining("within 0..3600 s");
        assertThatThrownBy(() -> Durations.seconds("--tpot", "2h")).hasMessageContaining("--tpot");
        assertThatThrownBy(() -> Durations.seconds("--tpot", "9".repeat(100))).hasMessageContaining("longer than 40");
    }
}
