package dev.headroom.sizing.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ServingSimulatorTest {
    /** 10 ms fixed pass, 0.1 ms per extra sequence, 20 us per prompt token: an 8B model on one large GPU, roughly. */
    static final LinearStepTime STEPS = new LinearStepTime(0.010, 0.0001, 0.00002);
    static final ServerConfig ROOMY = new ServerConfig(new KvPool.Paged(100_000, 16), 2048, 256, 8192);

    static Workload fixed(Arrivals arrivals, long prompt, long output, int requests, int warmup) {
        return new Workload(arrivals, new LengthDistribution.Fixed(prompt), new LengthDistribution.Fixed(output), requests, warmup, 7);
    }

    @Test
    void aSingleUserWaitsOnePrefillPassForTheFirstTokenThenOneDecodeStepPerToken() {
        ServingResult r = ServingSimulator.run(ROOMY, STEPS, fixed(new Arrivals.ClosedLoop(1, 0), 1000, 100, 1, 0));
        double prefill = STEPS.prefillSeconds(1000, 0);
        double decode = STEPS.decodeStepSeconds(1, 1000);
        assertThat(r.completed()).isEqualTo(1);
        assertThat(r.ttft().p50()).isCloseTo(prefill, within(1e-12));
        assertThat(r.tpot().p50()).isCloseTo(decode, within(1e-12));
        assertThat(r.e2e().p50()).isCloseTo(prefill + 99 * decode, within(1e-9));
        assertThat(r.steps()).isEqualTo(100);
        assertThat(r.preemptions()).isZero();
    }

    @Test
    void aPromptLongerThanTheTokenBudgetIsPrefilledInChunks() {
        ServingResult r = ServingSimulator.run(ROOMY, STEPS, fixed(new Arrivals.ClosedLoop(1, 0), 5000, 2, 1, 0));
        double chunks = STEPS.prefillSeconds(2048, 0) + STEPS.prefillSeconds(2048, 2048) + STEPS.prefillSeconds(904, 4096);
        assertThat(r.ttft().p50()).isCloseTo(chunks, within(1e-12));
        assertThat(r.steps()).isEqualTo(4);
    }

    @Test
    void atSaturationThroughputIsTheFullBatchOverItsStepTime() {
        // 64 users on a server running at most 16: the batch stays full; prefill is nearly free here.
        LinearStepTime cheapPrefill = new LinearStepTime(0.010, 0.0001, 1e-9);
        ServerConfig sixteen = new ServerConfig(new KvPool.Paged(100_000, 16), 2048, 16, 8192);
        ServingResult r = ServingSimulator.run(sixteen, cheapPrefill, fixed(new Arrivals.ClosedLoop(64, 0), 100, 200, 2000, 200));
        double expected = 16 / cheapPrefill.decodeStepSeconds(16, 0);
        assertThat(r.peakRunning()).isEqualTo(16);
        assertThat(r.outputTokensPerSecond()).isCloseTo(expected, Offset.offset(0.02 * expected));
        assertThat(r.meanRunning()).isGreaterThan(15.5);
    }

    @Test
    void littlesLawHoldsAtHalfLoad() {
        // Offered load: 20 requests/s x 100 tokens = 2000 tokens/s, about half of what 256 sequences reach.
        double rate = 20;
        ServingResult r = ServingSimulator.run(ROOMY, STEPS, fixed(new Arrivals.Poisson(rate), 500, 100, 4000, 0));
        double little = rate * r.e2e().mean();
        assertThat(r.meanInSystem()).isCloseTo(little, Offset.offset(0.05 * little));
        assertThat(r.requestsPerSecond()).isCloseTo(rate, Offset.offset(0.05 * rate));
        assertThat(r.outputTokensPerSecond()).isCloseTo(rate * 100, Offset.offset(0.05 * rate * 100));
    }

    @Test
    void aPoolSmallerThanTheRunningSequencesPreemptsAndStillFinishesEveryRequest() {
        // 32 users, 1100 tokens each = 69 blocks; 1000 blocks hold 14 of them: sequences admitted with
        // their prompt outgrow the pool while decoding, and the newest are preempted.
        ServerConfig small = new ServerConfig(new KvPool.Paged(1000, 16), 2048, 256, 2048);
        ServingResult tight = ServingSimulator.run(small, STEPS, fixed(new Arrivals.ClosedLoop(32, 0), 1000, 100, 300, 0));
        ServingResult roomy = ServingSimulator.run(ROOMY, STEPS, fixed(new Arrivals.ClosedLoop(32, 0), 1000, 100, 300, 0));
        assertThat(tight.preemptions()).isPositive();
        assertThat(tight.completed()).isEqualTo(300);
        assertThat(tight.peakRunning()).isLessThanOrEqualTo(1000 * 16 / 1000);
        assertThat(roomy.preemptions()).isZero();
        assertThat(tight.e2e().p50()).isGreaterThan(roomy.e2e().p50());
    }

    @Test
    void slotsLimitTheBatchRefuseLongPromptsAndStopFullSlots() {
        ServerConfig fourSlots = ServerConfig.llamaCpp(8192, 4, 2048);
        ServingResult r = ServingSimulator.run(fourSlots, STEPS, fixed(new Arrivals.ClosedLoop(10, 0), 500, 100, 100, 0));
        assertThat(r.peakRunning()).isEqualTo(4);
        assertThat(r.completed()).isEqualTo(100);
        assertThat(r.rejected()).isZero();

        ServingResult tooLong = ServingSimulator.run(fourSlots, STEPS, fixed(new Arrivals.ClosedLoop(2, 0), 3000, 10, 5, 0));
        assertThat(tooLong.rejected()).isEqualTo(5);

        ServingResult full = ServingSimulator.run(fourSlots, STEPS, fixed(new Arrivals.ClosedLoop(2, 0), 2000, 500, 5, 0));
        assertThat(full.truncated()).isEqualTo(5);
        assertThat(full.completed()).isEqualTo(5);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        Workload w = new Workload(new Arrivals.Poisson(30), new LengthDistribution.LogNormal(400, 0.8, 4000),
                new LengthDistribution.Uniform(50, 300), 1000, 100, 42);
        ServingResult a = ServingSimulator.run(ROOMY, STEPS, w);
        ServingResult b = ServingSimulator.run(ROOMY, STEPS, w);
        ServingResult c = ServingSimulator.run(ROOMY, STEPS, new Workload(w.arrivals(), w.prompt(), w.output(), 1000, 100, 43));
        assertThat(a).isEqualTo(b);
        assertThat(c.ttft().p95()).isNotEqualTo(a.ttft().p95());
    }

    @Test
    void latencyGrowsWithLoad() {
        Workload w = fixed(new Arrivals.Poisson(5), 1000, 200, 1000, 100);
        ServingResult light = ServingSimulator.run(ROOMY, STEPS, w);
        ServingResult heavy = ServingSimulator.run(ROOMY, STEPS, w.withArrivals(new Arrivals.Poisson(40)));
        assertThat(heavy.tpot().p50()).isGreaterThan(light.tpot().p50());
        assertThat(heavy.meanRunning()).isGreaterThan(light.meanRunning());
        assertThat(heavy.ttft().p99()).isGreaterThanOrEqualTo(heavy.ttft().p95());
        assertThat(heavy.ttft().p95()).isGreaterThanOrEqualTo(heavy.ttft().p50());
    }

    @Test
    void requestsLongerThanTheMaxModelLengthAreRefused() {
        ServerConfig short2k = new ServerConfig(new KvPool.Paged(100_000, 16), 2048, 256, 2048);
        ServingResult r = ServingSimulator.run(short2k, STEPS, fixed(new Arrivals.ClosedLoop(2, 0), 2000, 100, 10, 0));
        assertThat(r.rejected()).isEqualTo(10);
        assertThat(r.completed()).isZero();
    }

    @Test
    void aPoolThatCannotHoldOneSequenceIsAnError() {
        ServerConfig tiny = new ServerConfig(new KvPool.Paged(10, 16), 2048, 256, 8192);
        assertThatThrownBy(() -> ServingSimulator.run(tiny, STEPS, fixed(new Arrivals.ClosedLoop(1, 0), 100, 10, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer than one sequence of 8192");
    }
}
