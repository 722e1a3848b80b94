package dev.headroom.sizing.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ByteUnitsTest {
    @ParameterizedTest
    @CsvSource({
        "1024, 1024",
        "512B, 512",
        "2GiB, 2147483648",
        "512 MiB, 536870912",
        "1.5G, 1610612736",
        "8GB, 8000000000",
        "1kB, 1000",
        "3KiB, 3072"
    })
    void parsesBinaryAndDecimalSizesAndPlainByteCounts(String text, long bytes) {
        assertThat(ByteUnits.parse(text)).isEqualTo(bytes);
    }

    @Test
    void rejectsTextThatIsNotASizeNamingIt() {
        assertThatThrownBy(() -> ByteUnits.parse("lots")).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ByteUnits.parse("99999999PiB")).hasMessageContaining("too large");
    }

    @Test
    void formatsMemoryInIecUnits() {
        assertThat(ByteUnits.formatIec(1L << 30)).isEqualTo("1.00 GiB");
        assertThat(ByteUnits.formatIec(100)).isEqualTo("100 B");
    }
}
