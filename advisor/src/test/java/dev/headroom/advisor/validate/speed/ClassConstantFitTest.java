package dev.headroom.advisor.validate.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's class constants are what the documented fit produces from every trust-A row of the class. */
class ClassConstantFitTest {
    @ParameterizedTest
    @EnumSource(value = DeviceClass.class, names = {"NVIDIA", "APPLE"})
    void engineConstantsAreTheFitOnEveryTrustARow(DeviceClass c) {
        ClassConstants fitted = ClassConstantFit.fit(c);
        ClassConstants engine = ClassConstants.of(c);
        System.out.println(c + " fitted " + fitted);
        assertThat(engine.bandwidthEfficiency()).isCloseTo(fitted.bandwidthEfficiency(), within(1e-9));
        assertThat(engine.layerOverheadSeconds()).isCloseTo(fitted.layerOverheadSeconds(), within(1e-9));
        assertThat(engine.peerSyncSecondsPerLayer()).isCloseTo(fitted.peerSyncSecondsPerLayer(), within(1e-9));
        assertThat(engine.computeEfficiency()).isCloseTo(fitted.computeEfficiency(), within(1e-9));
        assertThat(engine.hbmLayerOverheadSeconds()).isCloseTo(fitted.hbmLayerOverheadSeconds(), within(1e-9));
        assertThat(engine.quantizedPrefillShare()).isCloseTo(fitted.quantizedPrefillShare(), within(1e-9));
        assertThat(engine.splitLayerSeconds()).isCloseTo(fitted.splitLayerSeconds(), within(1e-9));
        assertThat(engine.prefillDequantEfficiency()).isCloseTo(fitted.prefillDequantEfficiency(), within(1e-9));
        assertThat(engine.firstPassSeconds()).isCloseTo(fitted.firstPassSeconds(), within(1e-9));
    }
}
