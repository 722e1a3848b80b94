package dev.headroom.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accelerator datasheets (bundled {@code accelerators.csv}, each row with its source), matched by the name a
 * driver prints or by PCI id.
 *
 * <p>Matching, in order: a PCI id ({@code 10de:2684}, {@code 0x2684}); an exact name or alias
 * ({@code NVIDIA A100-SXM4-80GB}, {@code Tesla T4}); then words. Vendor words ({@code NVIDIA}, {@code GeForce},
 * {@code AMD}, {@code Intel(R)}, {@code Graphics}) and parenthesised remarks are ignored, so
 * {@code NVIDIA GeForce RTX 4090} and {@code RTX 4090} both match {@code NVIDIA GeForce RTX 4090}. Every word of a
 * catalog name must appear in the probed name, except a memory size ({@code 12GB}) or form factor
 * ({@code SXM4}, {@code PCIe}) the probed name does not state; a different size or form factor rules the
 * row out, and so does a variant word the catalog name lacks ({@code Ti}, {@code SUPER}, {@code D}, {@code XTX},
 * {@code Max}, {@code Pro}, {@code Laptop}): an RTX 4090 Laptop GPU is not an RTX 4090. The most specific row
 * (most words in common) wins, so {@code Apple M2 Max} beats {@code Apple M2}.
 */
public final class AcceleratorCatalog {
    private static final Set<String> NOISE = Set.of("nvidia", "geforce", "amd", "intel", "graphics", "corporation", "r", "tm");
    private static final Pattern MEMORY = Pattern.compile("[0-9]+gb");
    private static final Set<String> FORM = Set.of("pcie", "sxm", "sxm2", "sxm4", "sxm5", "nvl", "hbm3", "hbm3e", "hbm2e");
    /** Words that make a different product when added to a name: an RTX 4090 Laptop GPU or 4090 D is not an RTX 4090. */
    private static final Set<String> VARIANTS = Set.of("ti", "super", "d", "xt", "xtx", "max", "pro", "ultra", "laptop", "mobile", "q");
    private static final Pattern PCI = Pattern.compile("(?:([0-9a-f]{4}):|0x)?([0-9a-f]{4})");

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

    /** The spec for a probed device name or PCI id, or null when none matches. */
    public AcceleratorSpec match(String probedName) {
        if (probedName == null || probedName.isBlank()) {
            return null;
        }
        AcceleratorSpec byPci = matchPci(probedName);
        if (byPci != null) {
            return byPci;
        }
        String probe = normalise(probedName);
        for (AcceleratorSpec s : specs) {
            if (normalise(s.name()).equals(probe) || s.aliases().stream().anyMatch(a -> normalise(a).equals(probe))) {
                return s;
            }
        }
        List<String> probeWords = Arrays.asList(probe.split(" "));
        AcceleratorSpec best = null;
        int bestScore = 0;
        for (AcceleratorSpec s : specs) {
            int score = score(normalise(s.name()), probeWords);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        if (best == null) {
            // Sources without a product name print the PCI id in it ("AMD GPU 1002:74a1").
            Matcher id = Pattern.compile("\\b([0-9a-f]{4}:[0-9a-f]{4})\\b").matcher(probedName.toLowerCase(Locale.ROOT));
            if (id.find()) {
                return matchPci(id.group(1));
            }
        }
        return best;
    }

    /** The spec for a name, else for a PCI id ({@code 10de:2684}); null when neither matches. */
    public AcceleratorSpec match(String probedName, String pciId) {
        AcceleratorSpec byName = match(probedName);
        return byName != null ? byName : matchPci(pciId);
    }

    /** The spec recorded for a PCI id ({@code 10de:2684}, or the device part alone: {@code 0x2684}), or null. */
    public AcceleratorSpec matchPci(String pciId) {
        if (pciId == null) {
            return null;
        }
        Matcher m = PCI.matcher(pciId.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        String device = m.group(2);
        String vendor = m.group(1);
        for (AcceleratorSpec s : specs) {
            for (String id : s.pciIds()) {
                if (id.endsWith(":" + device) && (vendor == null || id.startsWith(vendor + ":"))) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Words in common, or 0 when a word of the catalog name is missing (see class comment). */
    static int score(String key, List<String> probeWords) {
        List<String> keyWords = Arrays.asList(key.split(" "));
        if (probeWords.stream().anyMatch(w -> VARIANTS.contains(w) && !keyWords.contains(w))) {
            return 0;
        }
        boolean probeHasMemory = probeWords.stream().anyMatch(w -> MEMORY.matcher(w).matches());
        boolean probeHasForm = probeWords.stream().anyMatch(FORM::contains);
        int common = 0;
        boolean identity = false;
        for (String w : key.split(" ")) {
            if (w.isEmpty()) {
                continue;
            }
            if (probeWords.contains(w)) {
                common++;
                identity |= !MEMORY.matcher(w).matches() && !FORM.contains(w);
            } else {
                boolean optional = MEMORY.matcher(w).matches() ? !probeHasMemory : FORM.contains(w) && !probeHasForm;
                if (!optional) {
                    return 0;
                }
            }
        }
        return identity ? common : 0;
    }

    static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", " ").replaceAll("[^a-z0-9]+", " ").trim();
        StringBuilder out = new StringBuilder();
        for (String w : n.split(" ")) {
            if (!w.isEmpty() && !NOISE.contains(w)) {
                out.append(out.length() == 0 ? "" : " ").append(w);
            }
        }
        return out.toString();
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
                double fp16 = number(f.get(cols.indexOf("fp16_tensor_tflops_dense")));
                if (fp16 == 0) {
                    // No tensor rate published (Apple, some AMD consumer cards): their FP16 runs at the FP32 vector rate.
                    fp16 = number(f.get(cols.indexOf("fp32_tflops_nontensor")));
                }
                out.add(new AcceleratorSpec(f.get(cols.indexOf("device")), f.get(cols.indexOf("vendor")),
                        Math.round(memGb * 1e9), Double.parseDouble(f.get(cols.indexOf("mem_bandwidth_gbs"))) * 1e9,
                        fp16 * 1e12, number(f.get(cols.indexOf("int8_tensor_tops_dense"))) * 1e12, f.get(cols.indexOf("source")),
                        number(f.get(cols.indexOf("bf16_tensor_tflops_dense"))) * 1e12, list(f, cols, "aliases"),
                        list(f, cols, "pci_device_ids")));
            } catch (RuntimeException e) {
                problems.add("accelerators.csv: row " + row + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return out;
    }

    /** A ';'-separated column, empty when the column or the value is absent. */
    private static List<String> list(List<String> fields, List<String> cols, String column) {
        int i = cols.indexOf(column);
        if (i < 0 || i >= fields.size() || fields.get(i).isBlank()) {
            return List.of();
        }
        boolean ids = column.equals("pci_device_ids");
        return Arrays.stream(fields.get(i).split(";")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> ids ? s.toLowerCase(Locale.ROOT) : s).toList();
    }

    /** A rate, or 0 when the source gives none ("n/a", empty). */
    private static double number(String s) {
        String t = s == null ? "" : s.trim();
        return t.isEmpty() || t.equalsIgnoreCase("n/a") ? 0 : Double.parseDouble(t);
    }

    private static double largest(String s) {
        double max = 0;
        for (Matcher m = Pattern.compile("[0-9]+(?:\\.[0-9]+)?").matcher(s); m.find(); ) {
            max = Math.max(max, Double.parseDouble(m.group()));
        }
        return max;
    }
}
