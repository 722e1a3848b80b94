package dev.headroom.sizing.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LengthDistributionTest {
    @Test
    void parsesTheThreeForms() {
        assertThat(LengthDistribution.parse("prompt-tokens", "1000")).isEqualTo(new LengthDistribution.Fixed(1000));
        assertThat(LengthDistribution.parse("prompt-tokens", "uniform:500-1500")).isEqualTo(new LengthDistribution.Uniform(500, 1500));
        assertThat(LengthDistribution.parse("prompt-tokens", "lognormal:1000,0.5,8192"))
                .isEqualTo(new LengthDistribution.LogNormal(1000, 0.5, 8192));
        assertThat(LengthDistribution.parse("prompt-tokens", "lognormal:1000,0.5").max()).isEqualTo(16000);
    }

    @Test
    void badTextGivesOneLineNamingTheField() {
        assertThatThrownBy(() -> LengthDistribution.parse("output-tokens", "uniform:9-3"))
                .hasMessageStartingWith("output-tokens: ").hasMessageContaining("below min");
        assertThatThrownBy(() -> LengthDistribution.parse("output-tokens", "lots"))
                .hasMessage("output-tokens: 'lots' is not a number; expected N, uniform:MIN-MAX or lognormal:MEDIAN,SIGMA[,MAX]");
        assertThatThrownBy(() -> LengthDistribution.parse("output-tokens", "0")).hasMessageStartingWith("output-tokens: ");
    }

    @Test
    void drawsHaveTheStatedMedianMeanAndBounds() {
        SplittableRandom random = new SplittableRandom(11);
        LengthDistribution.LogNormal ln = new LengthDistribution.LogNormal(1000, 0.5, 100_000);
        double[] draws = new double[20_000];
        double sum = 0;
        for (int i = 0; i < draws.length; i++) {
            draws[i] = ln.sample(random);
            sum += draws[i];
        }
        Arrays.sort(draws);
        assertThat(draws[draws.length / 2]).isCloseTo(1000, within(30.0));
        assertThat(sum / draws.length).isCloseTo(ln.mean(), within(0.02 * ln.mean()));
        LengthDistribution.Uniform u = new LengthDistribution.Uniform(5, 7);
        for (int i = 0; i < 1000; i++) {
            assertThat(u.sample(random)).isBetween(5L, 7L);
        }
        assertThat(new LengthDistribution.LogNormal(1000, 3, 2000).sample(random)).isBetween(1L, 2000L);
    }
}
