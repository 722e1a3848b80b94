package dev.headroom.advisor.validate.speed;

import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;

/**
 * The accuracy report's prediction function, callable from outside: the tokens/s {@code validate} predicts
 * for a llama-bench row, so that a contract test can prove it is the number every other surface shows.
 */
public final class ValidationPrediction {
    private static final DeviceSpecs SPECS = DeviceSpecs.bundled();

    private ValidationPrediction() {
    }

    /**
     * Decode tokens/s of a Llama-2 model on {@code devices} GPUs named {@code device} (as the driver or the
     * benchmark names it), for a llama-bench {@code tg<generatedTokens>} test, with the class constants in use.
     *
     * @throws IllegalArgumentException when the accelerator catalog does not know the device
     */
    public static double decodeTokensPerSecond(String device, int devices, String quant, double paramsBillions, long generatedTokens) {
        DeviceSpecs.Spec spec = SPECS.match(device);
        if (spec == null) {
            throw new IllegalArgumentException("device: '" + device + "' is not in the accelerator catalog");
        }
        String vendor = dev.headroom.catalog.AcceleratorCatalog.bundled().match(device).vendor();
        DeviceClass c = DeviceClass.ofVendor(vendor);
        LlamaBenchRow row = new LlamaBenchRow(0, "A", device, c.name().toLowerCase(java.util.Locale.ROOT), devices, quant,
                paramsBillions, "tg" + generatedTokens, 0, "");
        // What every surface shows: the memory technology from the catalog, as Machines.of passes it.
        return RowPrediction.predict(row, spec, ClassConstants.of(c));
    }
}
