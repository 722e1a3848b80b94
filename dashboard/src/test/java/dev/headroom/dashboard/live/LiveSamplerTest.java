package dev.headroom.dashboard.live;

import dev.headroom.probe.live.HostSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.dashboard.WatchItem;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveSamplerTest {
    static final HardwareProfile HOST = new HardwareProfile("test-host", "Linux", new CpuInfo("AuthenticAMD", "AMD EPYC",
            8, 16, 16, List.of("avx2", "fma")), new MemoryInfo(ScriptedHostSampler.TOTAL, 24L << 30, MemoryInfo.NO_LIMIT, 0),
            List.of(), List.of());
    static final ModelCatalog CATALOG = ModelCatalog.bundled();

    private final ScriptedHostSampler host = new ScriptedHostSampler();
    private LiveSampler sampler;

    private LiveSampler sampler(List<ResolvedWatch> watch) {
        sampler = new LiveSampler(host, LiveAdvisor.of(HOST, CATALOG, AcceleratorCatalog.bundled()), watch, 60_000);
        return sampler;
    }

    @AfterEach
    void stop() {
        if (sampler != null) {
            sampler.close();
        }
    }

    @Test
    void startTakesTheFirstSampleSoReadersAlwaysFindAState() {
        LiveState s = sampler(List.of()).start();
        assertThat(s).isSameAs(sampler.state());
        assertThat(s.sequence()).isEqualTo(1);
        assertThat(s.fitVersion()).isEqualTo(1);
        assertThat(s.fit().rows()).isNotEmpty();
        assertThat(s.fit().hostAvailableBytes()).isEqualTo(24L << 30);
    }

    @Test
    void theFitTableIsRecomputedOnlyWhenFreeMemoryMovesBy64MiBOrMore() {
        sampler(List.of()).start();
        host.available((24L << 30) - (63L << 20));
        sampler.tick();
        assertThat(sampler.state().fitVersion()).isEqualTo(1);
        assertThat(sampler.state().sequence()).isEqualTo(2);
        host.available((24L << 30) - (64L << 20));
        sampler.tick();
        assertThat(sampler.state().fitVersion()).isEqualTo(2);
        assertThat(sampler.state().fit().hostAvailableBytes()).isEqualTo((24L << 30) - (64L << 20));
    }

    @Test
    void aModelStopsFittingWhenMemoryFillsUp() {
        List<String> warnings = new ArrayList<>();
        List<ResolvedWatch> watch = ResolvedWatch.resolve(List.of(WatchItem.parse("llama-3-8b:Q8_0:8192")), CATALOG, true, warnings);
        sampler(watch).start();
        WatchResult roomy = sampler.state().watch().get(0);
        assertThat(roomy.fits()).isTrue();
        assertThat(roomy.decodeTokensPerSecond()).isPositive();

        host.available(4L << 30);
        sampler.tick();
        WatchResult full = sampler.state().watch().get(0);
        assertThat(full.fits()).isFalse();
        assertThat(full.headroomBytes()).isNegative();
        assertThat(full.decodeTokensPerSecond()).isZero();
        FitRow llama = sampler.state().fit().rows().stream().filter(r -> r.model().id().equals("llama-3-8b")).findFirst().orElseThrow();
        assertThat(llama.estimate().request().precision().displayName())
                .as("with 4 GiB free the table falls back to a smaller precision or no fit")
                .isNotIn("F16", "Q8_0");
        assertThat(sampler.state().fit().fittingCount()).isLessThan(sampler.state().fit().rows().size());
    }

    @Test
    void aFailingSampleIsCountedAndThePreviousStateStays() {
        sampler(List.of()).start();
        LiveState before = sampler.state();
        List<Throwable> seen = new ArrayList<>();
        sampler.addListener(new SampleListener() {
            @Override
            public void failed(Throwable error) {
                seen.add(error);
            }
        });
        host.failWith(new IllegalStateException("/proc unreadable"));
        assertThat(sampler.tick()).isFalse();
        assertThat(sampler.state()).isSameAs(before);
        assertThat(sampler.errorCount()).isEqualTo(1);
        assertThat(sampler.lastError()).contains("/proc unreadable");
        assertThat(seen).hasSize(1);
    }

    @Test
    void startFailsWithTheReasonWhenTheFirstSampleFails() {
        host.failWith(new IllegalStateException("no /proc"));
        assertThatThrownBy(() -> sampler(List.of()).start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("no /proc");
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        sampler(List.of()).start();
        AtomicInteger calls = new AtomicInteger();
        sampler.addListener(new SampleListener() {
            @Override
            public void published(LiveState state) {
                throw new IllegalStateException("listener bug");
            }
        });
        sampler.addListener(new SampleListener() {
            @Override
            public void published(LiveState state) {
                calls.incrementAndGet();
            }
        });
        assertThat(sampler.tick()).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(sampler.errorCount()).isZero();
    }

    @Test
    void historyKeepsTheLast300Samples() {
        sampler(List.of()).start();
        for (int i = 0; i < LiveSampler.HISTORY_SIZE + 20; i++) {
            sampler.tick();
        }
        List<HostSample> h = sampler.history();
        assertThat(h).hasSize(LiveSampler.HISTORY_SIZE);
        assertThat(h.get(h.size() - 1)).isEqualTo(sampler.state().sample());
        assertThat(h.get(0).epochMillis()).isLessThan(h.get(1).epochMillis());
    }

    @Test
    void theSamplerThreadSamplesOnItsOwnAtTheInterval() throws InterruptedException {
        sampler = new LiveSampler(host, LiveAdvisor.of(HOST, CATALOG, AcceleratorCatalog.bundled()), List.of(), 100);
        sampler.start();
        Thread.sleep(1000);
        // 100 ms interval over 1 s: about 10 samples; a loaded CI machine may delay some, none may run twice.
        assertThat(sampler.state().sequence()).isBetween(4L, 12L);
    }
}
