package dev.headroom.sizing.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapacitySearchTest {
    static final LinearStepTime STEPS = ServingSimulatorTest.STEPS;

    static Workload fixed(Arrivals a) {
        return new Workload(a, new LengthDistribution.Fixed(500), new LengthDistribution.Fixed(100), 1000, 100, 3);
    }

    @Test
    void theKvLimitIsThePoolOverTheMeanSequenceCappedByMaxNumSeqs() {
        ServerConfig pool = new ServerConfig(new KvPool.Paged(3800, 16), 2048, 256, 4096);
        // 600 tokens = 38 blocks per sequence; 3800 blocks hold 100.
        assertThat(CapacitySearch.kvLimitedConcurrency(pool, fixed(new Arrivals.Poisson(1)))).isEqualTo(100);
        assertThat(CapacitySearch.kvLimitedConcurrency(ServingSimulatorTest.ROOMY, fixed(new Arrivals.Poisson(1)))).isEqualTo(256);
        assertThat(CapacitySearch.kvLimitedConcurrency(ServerConfig.llamaCpp(16384, 4, 2048), fixed(new Arrivals.Poisson(1)))).isEqualTo(4);
    }

    @Test
    void theLatencyLimitIsTheLargestBatchWhoseStepMeetsTheTpotTarget() {
        // 10 ms + 0.1 ms x b <= 20 ms  =>  b <= 100.
        assertThat(CapacitySearch.latencyLimitedConcurrency(ServingSimulatorTest.ROOMY, STEPS, fixed(new Arrivals.Poisson(1)), 0.020))
                .isEqualTo(100);
        assertThat(CapacitySearch.latencyLimitedConcurrency(ServingSimulatorTest.ROOMY, STEPS, fixed(new Arrivals.Poisson(1)), 0.005))
                .isZero();
    }

    @Test
    void theHighestRateMeetsTheTargetsAndAHigherOneDoesNot() {
        ServingTargets targets = new ServingTargets(0.5, 0.030, 0);
        Workload w = fixed(new Arrivals.Poisson(1));
        ServingCapacity c = CapacitySearch.search(ServingSimulatorTest.ROOMY, STEPS, w, targets);
        assertThat(c.maxLoad()).isPositive();
        assertThat(targets.metBy(c.atMaxLoad(), w.withArrivals(new Arrivals.Poisson(c.maxLoad())))).isTrue();
        Workload above = w.withArrivals(new Arrivals.Poisson(c.maxLoad() * 1.05));
        assertThat(targets.metBy(ServingSimulator.run(ServingSimulatorTest.ROOMY, STEPS, above), above)).isFalse();
        assertThat(c.simulations()).isLessThan(40);
    }

    @Test
    void theMostUsersMeetTheTargetsAndOneMoreDoesNot() {
        ServingTargets targets = new ServingTargets(Double.POSITIVE_INFINITY, 0.020, 0);
        Workload w = fixed(new Arrivals.ClosedLoop(1, 0));
        ServingCapacity c = CapacitySearch.search(ServingSimulatorTest.ROOMY, STEPS, w, targets);
        int users = (int) c.maxLoad();
        // TPOT = 10 ms + 0.1 ms x batch plus prefill interleaving: a bit under the 100 that decode alone allows.
        assertThat(users).isBetween(50, 100);
        Workload more = w.withArrivals(new Arrivals.ClosedLoop(users + 1, 0));
        assertThat(targets.metBy(ServingSimulator.run(ServingSimulatorTest.ROOMY, STEPS, more), more)).isFalse();
    }

    @Test
    void targetsThatNothingMeetsGiveZeroCapacity() {
        ServingTargets impossible = new ServingTargets(0.001, Double.POSITIVE_INFINITY, 0);
        ServingCapacity c = CapacitySearch.search(ServingSimulatorTest.ROOMY, STEPS, fixed(new Arrivals.Poisson(1)), impossible);
        assertThat(c.maxLoad()).isZero();
        assertThat(c.atMaxLoad()).isNull();
    }

    @Test
    void aSearchWithoutTargetsIsRefused() {
        assertThatThrownBy(() -> CapacitySearch.search(ServingSimulatorTest.ROOMY, STEPS, fixed(new Arrivals.Poisson(1)), ServingTargets.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("targets:");
    }
}
