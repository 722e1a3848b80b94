package dev.headroom.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Accelerator datasheets (bundled {@code accelerators.csv}, each row with its source), matched by probed name. */
public final class AcceleratorCatalog {
    private final List<AcceleratorSpec> specs;

    public AcceleratorCatalog(List<AcceleratorSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    public static AcceleratorCatalog bundled() {
        try (InputStream in = AcceleratorCatalog.class.getResourceAsStream("accelerators.csv")) {
            if (in == null) {
                throw new CatalogException(List.of("accelerators.csv: bundled resource missing"));
            }
            return new AcceleratorCatalog(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new CatalogException(List.of("accelerators.csv: " + e.getMessage()));
        }
    }

    public List<AcceleratorSpec> all() {
        return specs;
    }

    /**
     * The spec whose name best matches a probed device name ("NVIDIA GeForce RTX 4090" and "RTX 4090"
     * both match), or null when none does. The longest matching catalog name wins, so "RTX 4090" does
     * not match "RTX 4090 D" wrongly and "A100 80GB" beats "A100".
     */
    public AcceleratorSpec match(String probedName) {
        if (probedName == null) {
            return null;
        }
        String probe = normalise(probedName);
        AcceleratorSpec best = null;
        int bestLength = -1;
        for (AcceleratorSpec s : specs) {
            String key = normalise(s.name());
            if ((probe.contains(key) || key.contains(probe)) && key.length() > bestLength) {
                best = s;
                bestLength = key.length();
            }
        }
        return best;
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", " ").replace("nvidia", "").replace("geforce", "")
                .replaceAll("[^a-z0-9]+", " ").trim();
    }

    static List<AcceleratorSpec> parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null) {
            throw new CatalogException(List.of("accelerators.csv: empty"));
        }
        List<String> cols = Csv.split(header);
        List<AcceleratorSpec> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String line;
        int row = 1;
        while ((line = reader.readLine()) != null) {
            row++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Csv.split(line);
            try {
                // Apple rows list configurations ("16/32"): the largest is kept; the probe reads the real size.
                double memGb = largest(f.get(cols.indexOf("memory_gb")));
                out.add(new AcceleratorSpec(f.get(cols.indexOf("device")), f.get(cols.indexOf("vendor")),
                        Math.round(memGb * 1e9), Double.parseDouble(f.get(cols.indexOf("mem_bandwidth_gbs"))) * 1e9,
                        number(f.get(cols.indexOf("fp16_tensor_tflops_dense"))) * 1e12,
                        number(f.get(cols.indexOf("int8_tensor_tops_dense"))) * 1e12, f.get(cols.indexOf("source"))));
            } catch (RuntimeException e) {
                problems.add("accelerators.csv: row " + row + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return out;
    }

    /** A rate, or 0 when the source gives none ("n/a", empty). */
    private static double number(String s) {
        String t = s == null ? "" : s.trim();
        return t.isEmpty() || t.equalsIgnoreCase("n/a") ? 0 : Double.parseDouble(t);
    }

    private static double largest(String s) {
        double max = 0;
        for (java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9]+(?:\\.[0-9]+)?").matcher(s); m.find(); ) {
            max = Math.max(max, Double.parseDouble(m.group()));
        }
        return max;
    }
}
