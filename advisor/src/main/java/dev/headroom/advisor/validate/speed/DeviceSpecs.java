package dev.headroom.advisor.validate.speed;

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
     * The spec of a device named as in the benchmark file: the same name once vendor words, brackets
     * and punctuation are dropped, else the longest catalog name contained in it word by word; null if none.
     */
    Spec match(String device) {
        String exact = normalise(device);
        for (Spec s : specs) {
            if (normalise(s.name()).equals(exact)) {
                return s;
            }
        }
        // "H100 PCIe" is the catalog's "H100 PCIe 80GB": compare without memory sizes.
        for (Spec s : specs) {
            if (withoutSizes(normalise(s.name())).equals(withoutSizes(exact))) {
                return s;
            }
        }
        String probe = " " + exact + " ";
        Spec best = null;
        int bestLength = -1;
        for (Spec s : specs) {
            String key = normalise(s.name());
            if (key.isEmpty()) {
                continue;
            }
            if (probe.trim().equals(key)) {
                return s;
            }
            if (probe.contains(" " + key + " ") && key.length() > bestLength) {
                best = s;
                bestLength = key.length();
            }
        }
        return best;
    }

    private static String withoutSizes(String normalised) {
        return normalised.replaceAll("\\b\\d+gb\\b", " ").replaceAll(" +", " ").trim();
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)|\\[.*?]", " ").replace("nvidia", " ").replace("geforce", " ")
                .replaceAll("[^a-z0-9]+", " ").trim();
    }
}
