package dev.headroom.advisor.validate.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's class constants are what the documented fit produces from the documented subset of rows. */
class ClassConstantFitTest {
    @ParameterizedTest
    @EnumSource(value = DeviceClass.class, names = {"NVIDIA", "APPLE"})
    void engineConstantsAreTheFitOnTheDocumentedSubset(DeviceClass c) {
        ClassConstants fitted = ClassConstantFit.fit(c);
        ClassConstants engine = ClassConstants.of(c);
        System.out.println(c + " fitted " + fitted);
        assertThat(engine.bandwidthEfficiency()).isCloseTo(fitted.bandwidthEfficiency(), within(1e-9));
        assertThat(engine.layerOverheadSeconds()).isCloseTo(fitted.layerOverheadSeconds(), within(1e-9));
        assertThat(engine.peerSyncSecondsPerLayer()).isCloseTo(fitted.peerSyncSecondsPerLayer(), within(1e-9));
        assertThat(engine.computeEfficiency()).isCloseTo(fitted.computeEfficiency(), within(1e-9));
    }
}
