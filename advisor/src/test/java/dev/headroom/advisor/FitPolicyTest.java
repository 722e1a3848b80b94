package dev.headroom.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.units.ByteUnits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit policy on the machines of issue 11's acceptance list. */
class FitPolicyTest {
    static final Advisor ADVISOR = new Advisor(ModelCatalog.bundled());
    static final CpuInfo TWO_CORES = new CpuInfo("AuthenticAMD", "AMD EPYC", 2, 2, 2, List.of("avx2", "avx512f"));
    static final CpuInfo DESKTOP = new CpuInfo("AuthenticAMD", "AMD Ryzen 9 7950X 16-Core Processor", 16, 32, 32, List.of("avx2", "avx512f"));

    static Machine machine(CpuInfo cpu, long ramBytes, GpuInfo... gpus) {
        return TestMachines.of(new HardwareProfile("h", "linux", cpu, new MemoryInfo(ramBytes, ramBytes, MemoryInfo.NO_LIMIT, 0),
                List.of(gpus), List.of()));
    }

    static GpuInfo nvidia(String name, long totalMib, long freeMib) {
        return new GpuInfo(0, "NVIDIA", name, totalMib << 20, freeMib << 20, false, "nvidia-smi");
    }

    @Test
    void onATwoCoreCpuNoSevenToNineBillionModelIsRecommendedAtF16() {
        Machine vm = machine(TWO_CORES, 22L << 30);
        for (String id : List.of("llama-2-7b", "llama-3-8b", "mistral-7b", "qwen2.5-7b", "gemma-2-9b")) {
            Advice a = ADVISOR.advise(vm, ADVISOR.models().get(id), 4096, FitPolicy.DEFAULT);
            assertThat(a.pick().request().precision()).as(id).isNotEqualTo(Precision.F16);
            // nothing reaches 10 tok/s on two cores: the fastest of 4 bits or more, never a 2-3 bit format
            assertThat(FitPolicy.LAST_RESORT).as(id).doesNotContain(a.pick().request().precision());
            assertThat(a.pick().speed().decodeTokensPerSecond()).as(id).isGreaterThan(2 * a.maxQuality().speed().decodeTokensPerSecond());
            assertThat(a.maxQuality().request().precision()).as(id).isEqualTo(Precision.F16);
        }
    }

    @Test
    void onAn8GibGpuLlama3IsQ4KmOrBetterWhollyOnTheGpu() {
        Machine desk = machine(DESKTOP, 32L << 30, nvidia("NVIDIA GeForce RTX 3070", 8192, 7800));
        Advice a = ADVISOR.advise(desk, ADVISOR.models().get("llama-3-8b"), 4096, FitPolicy.DEFAULT);
        assertThat(a.pick().placement()).isInstanceOf(Placement.OnGpu.class);
        assertThat(FitPolicy.LADDER.indexOf(a.pick().request().precision())).isLessThanOrEqualTo(FitPolicy.LADDER.indexOf(Precision.Q4_K_M));
        assertThat(a.verdict()).isEqualTo(Advice.Verdict.GPU);
        // the runner-up "max quality" is F16 offloaded, slower by far
        assertThat(a.maxQuality().request().precision()).isEqualTo(Precision.F16);
        assertThat(a.maxQuality().placement()).isInstanceOf(Placement.Split.class);
        assertThat(a.maxQuality().speed().decodeTokensPerSecond()).isLessThan(a.pick().speed().decodeTokensPerSecond() / 3);
    }

    @Test
    void rtx4080WithLlama3F16IsAGpuFitNotCpu() {
        // RTX 4080: 16376 MiB total, ~15.5 GiB free on a desktop (issue 11); llama.cpp ran llama-3-8b F16 on it at ~40 tok/s,
        // all 33 layers offloaded with the token-embedding table (1 GB) in host RAM, as llama.cpp always keeps it.
        Machine box = machine(DESKTOP, 64L << 30, nvidia("NVIDIA GeForce RTX 4080", 16376, 15872));
        var e = ADVISOR.estimate(box, DeploymentRequest.of(ADVISOR.models().get("llama-3-8b").architecture(), Precision.F16, 4096));
        assertThat(e.placement()).isInstanceOf(Placement.OnGpu.class);
        // A little less free memory: within the estimate's uncertainty it is a borderline GPU fit, still not CPU.
        Machine tighter = machine(DESKTOP, 64L << 30, nvidia("NVIDIA GeForce RTX 4080", 16376, 15150));
        var t = ADVISOR.estimate(tighter, DeploymentRequest.of(ADVISOR.models().get("llama-3-8b").architecture(), Precision.F16, 4096));
        assertThat(t.placement().gpuResident()).isTrue();
        assertThat(t.placement().borderline()).isTrue();
        assertThat(e.speed().decodeTokensPerSecond()).isBetween(30.0, 60.0);
        // the policy prefers a comfortable fit and shows the tight F16 as the max-quality runner-up
        Advice a = ADVISOR.advise(tighter, ADVISOR.models().get("llama-3-8b"), 4096, FitPolicy.DEFAULT);
        assertThat(a.pick().placement().borderline()).isFalse();
        assertThat(a.pick().request().precision()).isEqualTo(Precision.Q8_0);
        assertThat(a.maxQuality().request().precision()).isEqualTo(Precision.F16);
        assertThat(a.maxQuality().placement().label()).isEqualTo("GPU (tight)");
    }

    @Test
    void aHigherFloorTradesQualityForSpeed() {
        Machine box = machine(DESKTOP, 64L << 30, nvidia("NVIDIA GeForce RTX 4090", 24564, 24076));
        Advice relaxed = ADVISOR.advise(box, ADVISOR.models().get("llama-3-8b"), 4096, FitPolicy.DEFAULT);
        Advice strict = ADVISOR.advise(box, ADVISOR.models().get("llama-3-8b"), 4096, FitPolicy.DEFAULT.withMinSpeed(100));
        assertThat(relaxed.pick().request().precision()).isEqualTo(Precision.F16);
        assertThat(strict.pick().speed().decodeTokensPerSecond()).isGreaterThanOrEqualTo(100);
        assertThat(FitPolicy.LADDER.indexOf(strict.pick().request().precision())).isGreaterThan(0);
        assertThatThrownBy(() -> FitPolicy.DEFAULT.withMinSpeed(-1)).hasMessageContaining("--min-speed");
    }

    @Test
    void nothingFitsSaysWhatIsShort() {
        Advice a = ADVISOR.advise(machine(TWO_CORES, 8L << 30), ADVISOR.models().get("llama-3.1-405b"), 4096, FitPolicy.DEFAULT);
        assertThat(a.verdict()).isEqualTo(Advice.Verdict.NO_FIT);
        assertThat(a.reason()).contains("short by");
        assertThat(a.pick().request().precision()).isEqualTo(FitPolicy.LADDER.get(FitPolicy.LADDER.size() - 1));
    }

    @Test
    void anUnknownGpuHasUnknownSpeedsNotCpuCeilings() {
        Machine odd = machine(DESKTOP, 64L << 30, nvidia("NVIDIA Mystery 9000", 24576, 24000));
        var e = ADVISOR.estimate(odd, DeploymentRequest.of(ADVISOR.models().get("llama-3-8b").architecture(), Precision.Q4_K_M, 4096));
        assertThat(e.placement()).isInstanceOf(Placement.OnGpu.class);
        assertThat(e.speed().known()).isFalse();
        assertThat(odd.notes()).anyMatch(n -> n.contains("not in the accelerator catalog"));
    }

    @Test
    void everyTableRowsNeedsPlusLeftIsTheAvailableMemory() {
        for (Machine m : List.of(machine(TWO_CORES, 22L << 30), machine(DESKTOP, 32L << 30, nvidia("NVIDIA GeForce RTX 3070", 8192, 7800)))) {
            for (FitTable.Row r : ADVISOR.table(m, FitQuery.defaults()).rows()) {
                Placement p = r.advice().pick().placement();
                assertThat(p.neededBytes() + p.headroomBytes()).as(r.model().id()).isEqualTo(p.availableBytes());
                if (m.hardware().gpus().isEmpty()) {
                    assertThat(r.advice().pick().memory().bytesOf("runtimeOverhead")).as(r.model().id()).isZero();
                }
            }
        }
    }

    @Test
    void tablesGroupByVerdictAndHonourFiltersAndTop() {
        Machine desk = machine(DESKTOP, 32L << 30, nvidia("NVIDIA GeForce RTX 3070", 8192, 7800));
        FitTable t = ADVISOR.table(desk, new FitQuery(4096, FitPolicy.DEFAULT, FitQuery.Sort.SPEED, true, "llama", "llm", 5));
        assertThat(t.rows()).hasSizeLessThanOrEqualTo(5).allMatch(r -> r.advice().fits());
        assertThat(t.rows()).allMatch(r -> r.model().id().startsWith("llama") || r.model().family().toLowerCase().contains("llama"));
        for (int i = 1; i < t.rows().size(); i++) {
            assertThat(t.rows().get(i).advice().verdict()).isGreaterThanOrEqualTo(t.rows().get(i - 1).advice().verdict());
        }
        assertThatThrownBy(() -> FitQuery.Sort.parse("fastest")).hasMessageContaining("valid: quality, speed, fit, size, catalog");
    }

    @Test
    void describedDevicesAreResolvedWithExactGibAndSpeeds() {
        Machines machines = new Machines(dev.headroom.catalog.AcceleratorCatalog.bundled(),
                () -> new HardwareProfile("h", "linux", DESKTOP, new MemoryInfo(64L << 30, 60L << 30, MemoryInfo.NO_LIMIT, 0), List.of(), List.of()),
                () -> null);
        Machine rtx = machines.described("rtx4090", null, null, false);
        // nvidia-smi memory.total of an RTX 4090: 24564 MiB (accelerators.csv memory_mib_driver, public nvidia-smi captures)
        assertThat(rtx.hardware().gpus()).singleElement().satisfies(g -> assertThat(g.memoryTotalBytes()).isEqualTo(24564L * ByteUnits.MIB));
        assertThat(rtx.gpu()).isNotNull();
        Machine two = machines.described("2x A100 80GB", null, null, false);
        assertThat(two.hardware().gpus()).hasSize(2).allSatisfy(g -> assertThat(g.memoryTotalBytes()).isGreaterThanOrEqualTo(79L * ByteUnits.GIB)
                .isLessThanOrEqualTo(80L * ByteUnits.GIB));
        Machine mac = machines.described("M3 Max 40-core 64GB", null, null, false);
        assertThat(mac.hardware().gpus()).singleElement().satisfies(g -> {
            assertThat(g.unifiedMemory()).isTrue();
            assertThat(g.memoryTotalBytes()).isEqualTo(48L * ByteUnits.GIB); // 3/4 of 64 GiB, macOS default
        });
        assertThat(mac.gpu().note()).contains("APPLE");
        assertThatThrownBy(() -> machines.described("RTX 9999 Ultra", null, null, false)).hasMessageContaining("unknown");
    }
}
