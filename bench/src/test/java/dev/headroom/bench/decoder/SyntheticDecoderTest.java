package dev.headroom.bench.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.RowParallel;
import dev.headroom.bench.kernels.WeightFormat;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.quant.Precision;
import org.junit.jupiter.api.Test;

class SyntheticDecoderTest {
    static final DecoderShape SMALL = new DecoderShape(2, 256, 4, 2, 512, 512);

    @Test
    void sameWeightsAndTokensGiveTheSameOutputWhateverTheThreadCount() {
        float one;
        float two;
        try (RowParallel p = new RowParallel(1)) {
            SyntheticDecoder d = new SyntheticDecoder(SMALL, WeightFormat.Q8_0, WeightFormat.Q8_0, 8, Kernels.best(), p);
            d.next(1);
            one = d.next(2);
        }
        try (RowParallel p = new RowParallel(2)) {
            SyntheticDecoder d = new SyntheticDecoder(SMALL, WeightFormat.Q8_0, WeightFormat.Q8_0, 8, Kernels.best(), p);
            d.next(1);
            two = d.next(2);
        }
        assertThat(one).isEqualTo(two).isFinite();
    }

    @Test
    void itsWeightBytesAreTheEnginesForTheSameShapeAtF16() {
        try (RowParallel p = new RowParallel(1)) {
            SyntheticDecoder d = new SyntheticDecoder(SMALL, WeightFormat.F16, WeightFormat.F16, 4, Kernels.best(), p);
            long engine = WeightSizer.bytesReadPerToken(SMALL.architecture(4), Precision.F16);
            // The engine also counts norms (F32) and one embedding row; the decoder generates its inputs.
            assertThat(d.weightBytes()).isLessThanOrEqualTo(engine).isGreaterThan((long) (engine * 0.97));
        }
    }

    @Test
    void contextIsBoundedAndShapesValidated() {
        try (RowParallel p = new RowParallel(1)) {
            SyntheticDecoder d = new SyntheticDecoder(SMALL, WeightFormat.F32, WeightFormat.F32, 1, Kernels.best(), p);
            d.next(0);
            assertThatThrownBy(() -> d.next(1)).hasMessageContaining("context full");
        }
        assertThatThrownBy(() -> new DecoderShape(1, 250, 4, 2, 512, 512)).hasMessageContaining("shape");
    }
}
