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
 *
 * <p>Names people type ({@code --device}) go through {@link #lookup} instead, which also reads a count
 * ({@code 2x A100 80GB}), a memory size and an Apple GPU core count, and says when a name is ambiguous or unknown
 * rather than guessing.
 *
 * <p>Memory is GiB-based, as drivers report it: {@code memory_gb} 24 is 24 x 2^30 bytes. A row may give the
 * driver's exact figure in {@code memory_mib_driver} (nvidia-smi {@code memory.total}, MiB), which then wins for
 * that row's single configuration.
 */
public final class AcceleratorCatalog {
    private static final Set<String> NOISE = Set.of("nvidia", "geforce", "amd", "intel", "graphics", "corporation", "r", "tm");
    private static final Pattern MEMORY = Pattern.compile("[0-9]+gb");
    private static final Set<String> FORM = Set.of("pcie", "sxm", "sxm2", "sxm4", "sxm5", "nvl", "hbm3", "hbm3e", "hbm2e");
    /** Words that make a different product when added to a name: an RTX 4090 Laptop GPU or 4090 D is not an RTX 4090. */
    private static final Set<String> VARIANTS = Set.of("ti", "super", "d", "xt", "xtx", "max", "pro", "ultra", "laptop", "mobile", "q");
    private static final Pattern PCI = Pattern.compile("(?:([0-9a-f]{4}):|0x)?([0-9a-f]{4})");

    /** The most devices one query may ask for ({@code 256x H100}); a larger count is not read as a count. */
    public static final int MAX_DEVICES = 256;
    /**
     * Rows a query leaves open are interchangeable when they have the same memory and their bandwidth and FP16
     * rates are within this share of each other (A100 80GB PCIe 1935 GB/s vs SXM4 2039 GB/s: 5%); the slower one
     * is then chosen, and the choice is stated in {@link DeviceMatch#assumptions()}.
     */
    public static final double INTERCHANGEABLE = 0.10;
    private static final Pattern GPU_CORES = Pattern.compile("(\\d+)-core GPU");
    private static final double GIB = 1L << 30;

    private final List<AcceleratorSpec> specs;
    private final DeviceResolver resolver;

    public AcceleratorCatalog(List<AcceleratorSpec> specs) {
        this.specs = List.copyOf(specs);
        this.resolver = new DeviceResolver(this);
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
     * A device name as a person types it: {@code 4090}, {@code rtx4090}, {@code NVIDIA GeForce RTX 4090},
     * {@code rtx 4090 24gb}, {@code H100 SXM}, {@code 2x A100 80GB}, {@code A100 80GB x2}, {@code 8xH100 SXM},
     * {@code M3 Max 40-core 64GB}, a PCI id ({@code 10de:2684}). Never throws; a query longer than
     * {@value DeviceResolver#MAX_QUERY_CHARS} characters is Unknown without being read.
     *
     * <ul>
     *   <li>Words: vendor and brand words (NVIDIA, GeForce, Radeon, Apple, GPU) are ignored; every other word must be
     *       a word of the row's name or alias, or adjacent words glued ({@code rtx4090}); one of them must be a
     *       model number; a variant word of the row's name ({@code Ti}, {@code SUPER}, {@code XTX}, {@code Max},
     *       {@code Pro}, {@code Ultra}, {@code Laptop}) must be in the query, so {@code RTX 4070} is not the Ti.</li>
     *   <li>A size ({@code 24GB}, {@code 64 GB}) must be one the row comes in (within 8%: drivers report a little
     *       less than the box); {@code N-core} must be the row's Apple GPU core count.</li>
     *   <li>A count: {@code Nx NAME}, {@code N x NAME}, {@code NAME xN}, {@code NAME x N}, 1..{@value #MAX_DEVICES}.</li>
     *   <li>Several rows left: Apple bins of one chip resolve to the full chip (most GPU cores; {@code M3 Max} is the
     *       40-core at 400 GB/s, not the 30-core at 300 GB/s); rows that are {@linkplain #INTERCHANGEABLE
     *       interchangeable} resolve to the slower; otherwise Ambiguous ({@code H100}: PCIe 2.0 TB/s, SXM5
     *       3.35 TB/s, NVL 94 GB 3.9 TB/s differ too much to pick one).</li>
     *   <li>An Apple chip without a size gets its largest configuration (how Apple states it, "up to 128GB").</li>
     *   <li>Every choice the query left open is stated in {@link DeviceMatch#assumptions()}.</li>
     * </ul>
     */
    public DeviceLookup lookup(String query) {
        return resolver.lookup(query);
    }

    /**
     * {@link #lookup}, for callers that stop on a bad name.
     *
     * @throws IllegalArgumentException with one line: {@code device: 'H100' is ambiguous: A, B, C; name one of
     *         them, e.g. 'A'} or {@code device: unknown 'X'; did you mean A, B? (headroom catalog devices lists them)}
     */
    public DeviceMatch resolve(String query) {
        DeviceLookup answer = lookup(query);
        if (answer instanceof DeviceLookup.Found f) {
            return f.match();
        }
        if (answer instanceof DeviceLookup.Ambiguous a) {
            throw new IllegalArgumentException("device: '" + a.query() + "' is ambiguous: "
                    + String.join(", ", a.candidates().stream().map(AcceleratorSpec::name).toList()) + "; "
                    + DeviceResolver.ambiguityHint(a.candidates()));
        }
        DeviceLookup.Unknown u = (DeviceLookup.Unknown) answer;
        throw new IllegalArgumentException("device: unknown '" + u.query() + "'"
                + (u.suggestions().isEmpty() ? " (headroom catalog devices lists the known ones)"
                : "; did you mean " + String.join(", ", u.suggestions()) + "? (headroom catalog devices lists them)"));
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
                // Apple rows list configurations ("36/96"): each is a size the machine is sold with.
                List<Long> options = sizes(f.get(cols.indexOf("memory_gb")));
                String driverMib = field(f, cols, "memory_mib_driver");
                if (!driverMib.isEmpty()) {
                    if (options.size() != 1) {
                        throw new IllegalArgumentException("memory_mib_driver is for a single-size row");
                    }
                    options = List.of(Math.round(Double.parseDouble(driverMib) * (1 << 20)));
                }
                long memory = options.get(options.size() - 1);
                double fp16 = number(f.get(cols.indexOf("fp16_tensor_tflops_dense")));
                if (fp16 == 0) {
                    // No tensor rate published (Apple, some AMD consumer cards): their FP16 runs at the FP32 vector rate.
                    fp16 = number(f.get(cols.indexOf("fp32_tflops_nontensor")));
                }
                String name = f.get(cols.indexOf("device"));
                Matcher cores = GPU_CORES.matcher(name);
                out.add(new AcceleratorSpec(name, f.get(cols.indexOf("vendor")),
                        memory, Double.parseDouble(f.get(cols.indexOf("mem_bandwidth_gbs"))) * 1e9,
                        fp16 * 1e12, number(f.get(cols.indexOf("int8_tensor_tops_dense"))) * 1e12, f.get(cols.indexOf("source")),
                        number(f.get(cols.indexOf("bf16_tensor_tflops_dense"))) * 1e12, list(f, cols, "aliases"),
                        list(f, cols, "pci_device_ids"), options, cores.find() ? Integer.parseInt(cores.group(1)) : 0,
                        f.get(cols.indexOf("category")).strip().equalsIgnoreCase("unified-memory SoC"),
                        cols.indexOf("memory_type") < 0 ? "" : f.get(cols.indexOf("memory_type"))));
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

    /** A column's value, empty when the column or the value is absent. */
    private static String field(List<String> fields, List<String> cols, String column) {
        int i = cols.indexOf(column);
        return i < 0 || i >= fields.size() ? "" : fields.get(i).strip();
    }

    /** The sizes of a {@code memory_gb} cell ("24", "36/96", "8/16 (up to 16)") in bytes, GiB-based, ascending. */
    private static List<Long> sizes(String s) {
        List<Long> out = new ArrayList<>();
        for (Matcher m = Pattern.compile("[0-9]+(?:\\.[0-9]+)?").matcher(s); m.find(); ) {
            long bytes = Math.round(Double.parseDouble(m.group()) * GIB);
            if (bytes <= 0) {
                throw new IllegalArgumentException("memory_gb: must be positive, was '" + s + "'");
            }
            out.add(bytes);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("memory_gb: no size in '" + s + "'");
        }
        return out.stream().sorted().distinct().toList();
    }
}
