package dev.headroom.advisor.validate.speed;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.catalog.Csv;
import dev.headroom.sizing.speed.MemoryTechnology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Datasheet rates from the accelerator catalog's {@code accelerators.csv}: memory bandwidth, dense
 * FP16 tensor rate and, for GPUs without tensor units (Apple), the FP32 ALU rate, and the memory technology.
 */
final class DeviceSpecs {
    static final String RESOURCE = "/dev/headroom/catalog/accelerators.csv";

    /** One device's rates, SI units. */
    record Spec(String name, double bandwidthBytesPerSecond, double fp16FlopsPerSecond, double fp32FlopsPerSecond,
                MemoryTechnology memoryTechnology) {
        /** The rate prompt processing runs at: tensor FP16 where published, else the FP32 ALU rate. */
        double matrixFlopsPerSecond() {
            return fp16FlopsPerSecond > 0 ? fp16FlopsPerSecond : fp32FlopsPerSecond;
        }
    }

    private static final AcceleratorCatalog ACCELERATORS = AcceleratorCatalog.bundled();
    private final List<Spec> specs;

    private DeviceSpecs(List<Spec> specs) {
        this.specs = List.copyOf(specs);
    }

    static DeviceSpecs bundled() {
        try (InputStream in = DeviceSpecs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + ": bundled resource missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> h = Csv.split(r.readLine());
            List<Spec> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.split(line);
                out.add(new Spec(f.get(h.indexOf("device")), number(f.get(h.indexOf("mem_bandwidth_gbs"))) * 1e9,
                        number(f.get(h.indexOf("fp16_tensor_tflops_dense"))) * 1e12, number(f.get(h.indexOf("fp32_tflops_nontensor"))) * 1e12,
                        MemoryTechnology.parse(f.get(h.indexOf("memory_type")))));
            }
            return new DeviceSpecs(out);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static double number(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The spec of a device named as in the benchmark file, matched by the accelerator catalog's one matcher
     * (the same that enriches every machine); null if it does not know the device.
     */
    Spec match(String device) {
        AcceleratorSpec a = ACCELERATORS.match(device);
        if (a != null) {
            for (Spec s : specs) {
                if (s.name().equals(a.name())) {
                    return s;
                }
            }
        }
        return null;
    }

}
