package dev.headroom.sizing.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCountsTest {
    static final long MAX = 100_000_000L;

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"8k, 8192", "8K, 8192", "32K, 32768", "128K, 131072", "128000, 128000", "128_000, 128000",
            "1.5M, 1572864", "10M, 10485760", "1.5k, 1536", "' 4096 ', 4096", "8 k, 8192", "1, 1"})
    void parses(String text, long tokens) {
        assertThat(TokenCounts.parse(text, MAX)).isEqualTo(tokens);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-1", "8kb", "1.0001k", "1e6", "0x100", "8kk", "_8", "8_", "1.", "", "12345678901234567890123"})
    void refusesWhatIsNotAWholeCount(String text) {
        assertThatThrownBy(() -> TokenCounts.parse(text, MAX)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0k", "200M"})
    void refusesOutOfRange(String text) {
        assertThatThrownBy(() -> TokenCounts.parse(text, MAX)).hasMessageContaining("must be within 1..100000000 tokens");
    }
}
