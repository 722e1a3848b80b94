package dev.headroom.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves device names as people type them against the catalog rows: the rules are in
 * {@link AcceleratorCatalog#lookup}'s comment and in docs/devices.md.
 */
final class DeviceResolver {
    /** Longer queries are not device names: answered Unknown without looking (bounded work on any input). */
    static final int MAX_QUERY_CHARS = 200;
    private static final int SHOWN_CHARS = 60;
    private static final int MAX_SUGGESTIONS = 5;
    /** A query word found in at most this many rows names their family, so those rows are suggested. */
    private static final int RARE_WORD_ROWS = 3;
    private static final double GIB = 1L << 30;
    /** A stated size matches a row within this share: drivers report a little less than the box says (L4: 22.5 GiB of "24 GB"). */
    private static final double SIZE_TOLERANCE = 0.08;

    /** Words that say nothing about which device: vendor, brand and filler words. */
    private static final Set<String> NOISE = Set.of("nvidia", "geforce", "amd", "ati", "radeon", "intel", "apple",
            "tesla", "graphics", "gpu", "gpus", "corporation", "r", "tm", "instinct", "card", "the");
    /** Words that make a different product when added to a name; a row with one is out unless the query says it. */
    private static final Set<String> VARIANTS = Set.of("ti", "super", "d", "xt", "xtx", "max", "pro", "ultra",
            "laptop", "mobile", "q", "nano", "nx", "agx", "mini");
    private static final Pattern MEMORY = Pattern.compile(
            "(?<![a-z0-9.])(\\d{1,4}(?:\\.\\d{1,2})?)\\s*(?:gib|gb|g)(?![a-z0-9])");
    private static final Pattern CORES = Pattern.compile("(?<![a-z0-9])(\\d{1,3})\\s*-?\\s*cores?(?![a-z0-9])(?:\\s*gpu)?");
    private static final Pattern COUNT_BEFORE = Pattern.compile("^(\\d{1,3})\\s*[x×*]\\s*(\\S.*)$");
    private static final Pattern COUNT_AFTER = Pattern.compile("^(.*\\S)(?:\\s+[x×*]\\s*|\\s*[×*]\\s*)(\\d{1,3})$");
    private static final Pattern PCI = Pattern.compile("(?:[0-9a-f]{4}:|0x)[0-9a-f]{4}");
    private static final Pattern SXM = Pattern.compile("sxm[0-9]?");

    /** One name (the row's or an alias) as tokens. */
    private record Key(List<String> tokens, String compact, String canonical) {
    }

    /** A row with the names it answers to. */
    private record Row(AcceleratorSpec spec, int index, List<Key> keys) {
    }

    /** What the query says: words, a size in GB and a GPU core count (0 when not said). */
    private record Query(List<String> tokens, double memoryGb, int cores, String canonical) {
    }

    /** A row the words fit; variantMissing when its name has a variant word the query lacks. */
    private record Fit(Row row, boolean variantMissing) {
    }

    private final List<Row> rows;
    private final AcceleratorCatalog catalog;

    DeviceResolver(AcceleratorCatalog catalog) {
        this.catalog = catalog;
        List<Row> out = new ArrayList<>();
        List<AcceleratorSpec> all = catalog.all();
        for (int i = 0; i < all.size(); i++) {
            AcceleratorSpec s = all.get(i);
            List<Key> keys = new ArrayList<>();
            keys.add(key(s.name()));
            s.aliases().forEach(a -> keys.add(key(a)));
            out.add(new Row(s, i, List.copyOf(keys)));
        }
        this.rows = List.copyOf(out);
    }

    DeviceLookup lookup(String raw) {
        if (raw == null) {
            return new DeviceLookup.Unknown("", List.of());
        }
        String shown = shown(raw);
        if (raw.length() > MAX_QUERY_CHARS) {
            return new DeviceLookup.Unknown(shown, List.of());
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return new DeviceLookup.Unknown(shown, List.of());
        }
        if (PCI.matcher(s).matches()) {
            AcceleratorSpec byPci = catalog.matchPci(s);
            if (byPci != null) {
                return found(byPci, 1, 0, List.of());
            }
        }
        DeviceLookup literal = resolve(s, 1, shown);
        if (!(literal instanceof DeviceLookup.Unknown)) {
            return literal;
        }
        Matcher before = COUNT_BEFORE.matcher(s);
        Matcher after = COUNT_AFTER.matcher(s);
        if (before.matches()) {
            return counted(before.group(1), before.group(2), shown, literal);
        }
        if (after.matches()) {
            return counted(after.group(2), after.group(1), shown, literal);
        }
        return literal;
    }

    private DeviceLookup counted(String count, String rest, String shown, DeviceLookup literal) {
        int n = Integer.parseInt(count);
        if (n < 1 || n > AcceleratorCatalog.MAX_DEVICES) {
            return literal;
        }
        return resolve(rest.strip(), n, shown);
    }

    private DeviceLookup resolve(String s, int count, String shown) {
        Query q = query(s);
        if (q == null) {
            return new DeviceLookup.Unknown(shown, List.of());
        }
        for (Row r : rows) {
            for (Key k : r.keys()) {
                if (k.canonical().equals(q.canonical())) {
                    return found(r.spec(), count, 0, List.of());
                }
            }
        }
        List<Fit> fits = new ArrayList<>();
        List<Fit> sizeMisses = new ArrayList<>();
        for (Row r : rows) {
            Fit best = null;
            for (Key k : r.keys()) {
                Fit f = fit(r, k, q.tokens());
                if (f != null && (best == null || best.variantMissing() && !f.variantMissing())) {
                    best = f;
                }
            }
            if (best == null) {
                continue;
            }
            if (!best.variantMissing() && !(sizeFits(r.spec(), q.memoryGb()) && coresFit(r.spec(), q.cores()))) {
                sizeMisses.add(best);
            } else {
                fits.add(best);
            }
        }
        List<Fit> exact = fits.stream().filter(f -> !f.variantMissing()).toList();
        if (exact.isEmpty()) {
            List<Fit> variants = fits.stream().filter(f -> sizeFits(f.row().spec(), q.memoryGb())
                    && coresFit(f.row().spec(), q.cores())).toList();
            if (variants.size() > 1 && sizeMisses.isEmpty()) {
                return new DeviceLookup.Ambiguous(shown, variants.stream().map(f -> f.row().spec()).toList());
            }
            return new DeviceLookup.Unknown(shown, suggestions(q, sizeMisses, fits));
        }
        if (exact.size() == 1) {
            return choose(exact.get(0).row().spec(), count, q, List.of());
        }
        List<AcceleratorSpec> specs = exact.stream().map(f -> f.row().spec()).toList();
        if (specs.stream().allMatch(v -> v.unifiedMemory() && v.gpuCores() > 0) && sameChip(exact)) {
            // Apple names a chip by its full GPU; the binned part is chosen by its core count or a size only it has.
            AcceleratorSpec full = specs.stream().max(Comparator.comparingInt(AcceleratorSpec::gpuCores)).orElseThrow();
            String others = specs.stream().filter(v -> v != full).map(v -> v.gpuCores() + "-core "
                    + gbs(v.bandwidthBytesPerSecond()) + " GB/s").reduce((a, b) -> a + ", " + b).orElse("");
            AcceleratorSpec binned = specs.stream().filter(v -> v != full).findFirst().orElseThrow();
            List<String> note = List.of("GPU: " + full.gpuCores() + "-core, the full " + base(full.name()) + " at "
                    + gbs(full.bandwidthBytesPerSecond()) + " GB/s (also " + others + "); add e.g. '"
                    + binned.gpuCores() + "-core' to choose");
            return choose(full, count, q, note);
        }
        if (interchangeable(specs)) {
            AcceleratorSpec slowest = specs.stream().min(Comparator.comparingDouble(AcceleratorSpec::bandwidthBytesPerSecond)
                    .thenComparingDouble(AcceleratorSpec::fp16FlopsPerSecond)).orElseThrow();
            String others = specs.stream().filter(v -> v != slowest).map(v -> v.name() + " "
                    + gbs(v.bandwidthBytesPerSecond()) + " GB/s").reduce((a, b) -> a + ", " + b).orElse("");
            return choose(slowest, count, q, List.of("variant: " + slowest.name() + " at "
                    + gbs(slowest.bandwidthBytesPerSecond()) + " GB/s, the slower of the interchangeable (also " + others
                    + "); name it to choose"));
        }
        return new DeviceLookup.Ambiguous(shown, specs);
    }

    /** The hint after an ambiguous name: a full name always resolves to its row. */
    static String ambiguityHint(List<AcceleratorSpec> candidates) {
        return candidates.isEmpty() ? "name one of them" : "name one of them, e.g. '" + candidates.get(0).name() + "'";
    }

    private DeviceLookup.Found choose(AcceleratorSpec s, int count, Query q, List<String> notes) {
        return found(s, count, q.memoryGb(), notes);
    }

    private static DeviceLookup.Found found(AcceleratorSpec s, int count, double memoryGb, List<String> notes) {
        List<String> assumed = new ArrayList<>(notes);
        long memory = s.memoryBytes();
        if (s.memoryOptionsBytes().size() > 1) {
            if (memoryGb > 0) {
                memory = nearestOption(s, memoryGb);
            } else {
                assumed.add("memory: " + gib(memory) + " GB, the largest of " + options(s) + " GB; add e.g. '"
                        + gib(s.memoryOptionsBytes().get(0)) + "GB' to choose");
            }
        }
        return new DeviceLookup.Found(new DeviceMatch(s, count, memory, label(s, memory), assumed));
    }

    /** {@code NVIDIA H100 SXM5 80GB}; chips sold in configurations with theirs: {@code Apple M3 Max 40-core GPU, 64 GB}. */
    static String label(AcceleratorSpec s, long memory) {
        if (!s.unifiedMemory() || s.memoryOptionsBytes().size() == 1 && s.gpuCores() == 0) {
            return s.name();
        }
        return base(s.name()) + (s.gpuCores() > 0 ? " " + s.gpuCores() + "-core GPU" : "") + ", " + gib(memory) + " GB";
    }

    private static String base(String name) {
        return name.replaceAll("\\s*\\(.*?\\)", "").strip();
    }

    /** Same memory, and bandwidth and FP16 within 10%: sizing and speed would not change the verdict. */
    private static boolean interchangeable(List<AcceleratorSpec> specs) {
        long memMin = specs.stream().mapToLong(AcceleratorSpec::memoryBytes).min().orElse(0);
        long memMax = specs.stream().mapToLong(AcceleratorSpec::memoryBytes).max().orElse(0);
        double bwMin = specs.stream().mapToDouble(AcceleratorSpec::bandwidthBytesPerSecond).min().orElse(0);
        double bwMax = specs.stream().mapToDouble(AcceleratorSpec::bandwidthBytesPerSecond).max().orElse(0);
        double fMin = specs.stream().mapToDouble(AcceleratorSpec::fp16FlopsPerSecond).min().orElse(0);
        double fMax = specs.stream().mapToDouble(AcceleratorSpec::fp16FlopsPerSecond).max().orElse(0);
        double ratio = 1 + AcceleratorCatalog.INTERCHANGEABLE;
        return memMax <= memMin * (1 + SIZE_TOLERANCE / 8) && bwMax <= bwMin * ratio && fMax <= fMin * ratio;
    }

    private static boolean sameChip(List<Fit> fits) {
        List<String> first = fits.get(0).row().keys().get(0).tokens();
        return fits.stream().allMatch(f -> f.row().keys().get(0).tokens().equals(first));
    }

    private static boolean sizeFits(AcceleratorSpec s, double gb) {
        if (gb <= 0) {
            return true;
        }
        return s.memoryOptionsBytes().stream().anyMatch(b -> Math.abs(b / GIB - gb) <= gb * SIZE_TOLERANCE);
    }

    private static long nearestOption(AcceleratorSpec s, double gb) {
        return s.memoryOptionsBytes().stream().min(Comparator.comparingDouble(b -> Math.abs(b / GIB - gb))).orElseThrow();
    }

    private static boolean coresFit(AcceleratorSpec s, int cores) {
        return cores == 0 || s.gpuCores() == cores;
    }

    /**
     * Whether every query word is one key word or several adjacent ones glued ("rtx4090"), the matched key words
     * identify a product (one holds a digit, a model number, or they are all of the key: "Jetson AGX Thor"), and
     * the key has no variant word the query lacks (then variantMissing).
     */
    private static Fit fit(Row r, Key k, List<String> q) {
        List<String> kt = k.tokens();
        boolean[] covered = new boolean[kt.size()];
        boolean identity = false;
        for (String w : q) {
            int[] span = span(kt, w);
            if (span == null) {
                return null;
            }
            for (int i = span[0]; i < span[1]; i++) {
                covered[i] = true;
                identity |= kt.get(i).chars().anyMatch(Character::isDigit);
            }
        }
        boolean all = kt.size() > 0;
        for (boolean c : covered) {
            all &= c;
        }
        if (!identity && !all) {
            return null;
        }
        boolean variantMissing = false;
        for (int i = 0; i < kt.size(); i++) {
            variantMissing |= !covered[i] && VARIANTS.contains(kt.get(i));
        }
        return new Fit(r, variantMissing);
    }

    /** The key words [from, to) that glue to w, or null. */
    private static int[] span(List<String> kt, String w) {
        for (int i = 0; i < kt.size(); i++) {
            StringBuilder glued = new StringBuilder();
            for (int j = i; j < kt.size() && j < i + 3 && glued.length() < w.length(); j++) {
                glued.append(kt.get(j));
                if (glued.toString().equals(w)) {
                    return new int[] {i, j + 1};
                }
            }
        }
        return null;
    }

    private List<String> suggestions(Query q, List<Fit> sizeMisses, List<Fit> variantFits) {
        Set<String> out = new LinkedHashSet<>();
        for (Fit f : sizeMisses) {
            out.add(configurations(f.row().spec()));
        }
        variantFits.forEach(f -> out.add(f.row().spec().name()));
        if (out.isEmpty()) {
            String compact = String.join("", q.tokens());
            record Near(Row row, int distance) {
            }
            List<Near> near = new ArrayList<>();
            int limit = Math.max(1, compact.length() / 4);
            for (Row r : rows) {
                int best = Integer.MAX_VALUE;
                for (Key k : r.keys()) {
                    best = Math.min(best, distance(compact, k.compact(), limit));
                    // A model number in common ("rtx 4090 ti" and RTX 4090) is near whatever else differs.
                    if (q.tokens().stream().anyMatch(w -> modelNumber(w) && span(k.tokens(), w) != null)) {
                        best = 0;
                    }
                    // ...and so is a model number one edit away ("h1000", "rtx 4095").
                    if (q.tokens().stream().anyMatch(w -> modelNumber(w) && w.length() >= 3
                            && k.tokens().stream().anyMatch(t -> modelNumber(t) && distance(w, t, 1) <= 1))) {
                        best = Math.min(best, limit);
                    }
                }
                if (best <= limit) {
                    near.add(new Near(r, best));
                }
            }
            near.stream().sorted(Comparator.comparingInt(Near::distance).thenComparingInt(n -> n.row().index()))
                    .forEach(n -> out.add(n.row().spec().name()));
        }
        if (out.isEmpty()) {
            // A rare product word in common ("Jetson Orin Nano" and Jetson AGX Orin): few rows have it, so it is telling.
            for (String w : q.tokens()) {
                if (w.length() < 4 || VARIANTS.contains(w)) {
                    continue;
                }
                List<Row> with = rows.stream().filter(r -> r.keys().stream().anyMatch(k -> k.tokens().contains(w))).toList();
                if (with.size() <= RARE_WORD_ROWS) {
                    with.forEach(r -> out.add(r.spec().name()));
                }
            }
        }
        return out.stream().limit(MAX_SUGGESTIONS).toList();
    }

    private static boolean modelNumber(String w) {
        return w.length() >= 2 && w.chars().anyMatch(Character::isDigit);
    }

    /** Levenshtein distance, or limit + 1 once it must exceed limit (inputs are at most MAX_QUERY_CHARS). */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The query's words, size and core count; null when it states two different sizes or core counts. */
    private static Query query(String s) {
        String text = s.replace('(', ' ').replace(')', ' ');
        double memory = 0;
        Matcher m = MEMORY.matcher(text);
        while (m.find()) {
            double gb = Double.parseDouble(m.group(1));
            if (memory > 0 && gb != memory) {
                return null;
            }
            memory = gb;
        }
        if (memory == 0 && MEMORY.matcher(text).find()) {
            memory = -1; // "0GB": matches no row
        }
        text = MEMORY.matcher(text).replaceAll(" ");
        int cores = 0;
        m = CORES.matcher(text);
        while (m.find()) {
            int c = Integer.parseInt(m.group(1));
            if (cores > 0 && c != cores) {
                return null;
            }
            cores = c == 0 ? -1 : c;
        }
        text = CORES.matcher(text).replaceAll(" ");
        return new Query(words(text), memory, cores, canonical(s));
    }

    private static Key key(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('(', ' ').replace(')', ' ');
        String text = CORES.matcher(MEMORY.matcher(lower).replaceAll(" ")).replaceAll(" ");
        List<String> tokens = words(text);
        return new Key(tokens, String.join("", tokens), canonical(name));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[^a-z0-9]+")).filter(w -> !w.isEmpty() && !NOISE.contains(w))
                .map(w -> SXM.matcher(w).matches() ? "sxm" : w).toList();
    }

    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    /** The query for messages: one line, printable, at most SHOWN_CHARS characters. */
    static String shown(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length() && out.length() < SHOWN_CHARS; i++) {
            char c = raw.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        String t = out.toString().strip();
        return raw.length() > SHOWN_CHARS ? t + "..." : t;
    }

    /** A row with the sizes it comes in: {@code Apple M3 Max 30-core GPU, 36/96 GB}, {@code NVIDIA L4 (24 GB)}. */
    static String configurations(AcceleratorSpec s) {
        return s.unifiedMemory()
                ? base(s.name()) + (s.gpuCores() > 0 ? " " + s.gpuCores() + "-core GPU" : "") + ", " + options(s) + " GB"
                : s.name() + " (" + options(s) + " GB)";
    }

    static String options(AcceleratorSpec s) {
        return s.memoryOptionsBytes().stream().map(b -> Long.toString(gib(b))).reduce((a, b) -> a + "/" + b).orElse("");
    }

    private static long gib(long bytes) {
        return Math.round(bytes / GIB);
    }

    private static String gbs(double bytesPerSecond) {
        double v = bytesPerSecond / 1e9;
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
