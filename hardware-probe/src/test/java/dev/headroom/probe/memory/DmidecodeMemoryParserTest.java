package dev.headroom.probe.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.probe.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmidecodeMemoryParserTest {
    @Test
    void populatedModulesAreKeptWithTheirConfiguredSpeedAndEmptySlotsAreNot() {
        List<DmidecodeMemoryParser.Module> m = DmidecodeMemoryParser.parse(Fixtures.text("dmidecode/ddr5-two-modules-one-empty-slot.txt"));
        assertThat(m).containsExactly(new DmidecodeMemoryParser.Module(32L << 30, "DDR5", 4800),
                new DmidecodeMemoryParser.Module(16L << 30, "DDR5", 5200));
    }

    @Test
    void bandwidthIsSpeedTimesEightBytesPerModule() {
        List<DmidecodeMemoryParser.Module> m = DmidecodeMemoryParser.parse(Fixtures.text("dmidecode/ddr5-two-modules-one-empty-slot.txt"));
        // 4800 MT/s × 8 B = 38.4 GB/s; 5200 MT/s × 8 B = 41.6 GB/s (JEDEC DDR5-4800/5200 per 64-bit DIMM).
        assertThat(DmidecodeMemoryParser.bandwidthBytesPerSecond(m)).isCloseTo(80.0e9, within(1.0));
        assertThat(DmidecodeMemoryParser.describe(m)).isEqualTo("2 × mixed modules");
    }

    @Test
    void permissionErrorsAndGarbageGiveNoModules() {
        assertThat(DmidecodeMemoryParser.parse("/sys/firmware/dmi/tables/smbios_entry_point: Permission denied\n")).isEmpty();
        assertThat(DmidecodeMemoryParser.parse(null)).isEmpty();
    }
}
