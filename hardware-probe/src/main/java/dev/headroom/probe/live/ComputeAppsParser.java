package dev.headroom.probe.live;

import dev.headroom.probe.gpu.NvidiaSmiCsvParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code nvidia-smi --query-compute-apps=gpu_bus_id,pid,process_name,used_gpu_memory
 * --format=csv,noheader,nounits}. Process names are chosen by whoever started the process and may hold
 * commas, so a row is read outside-in: the bus id and the pid from the left, the memory from the right,
 * and the name is what lies between. Rows that cannot be read ({@code [Insufficient Permissions]} in a
 * container, a pid that is not a number, a GPU that is not in the GPU query) are skipped one by one; a
 * header line and units ({@code 1542 MiB}) are accepted too. At most {@link #MAX_ROWS} rows are read.
 */
public final class ComputeAppsParser {
    /** The fields queried, in order. */
    public static final List<String> FIELDS = List.of("gpu_bus_id", "pid", "process_name", "used_gpu_memory");
    /** Beyond this many processes the rest are ignored: more than any host runs on its GPUs at once. */
    public static final int MAX_ROWS = 1024;
    static final int MAX_NAME_CHARS = 256;

    private ComputeAppsParser() {
    }

    /**
     * @param csv nvidia-smi's output
     * @param gpuByBusId each GPU's index by its {@link #busId normalised} PCI bus id
     */
    public static List<GpuProcess> parse(String csv, Map<String, Integer> gpuByBusId) {
        List<GpuProcess> out = new ArrayList<>();
        if (csv == null) {
            return out;
        }
        for (String raw : csv.lines().limit(MAX_ROWS + 1L).toList()) {
            String line = raw.strip();
            String[] cells = line.split(",", -1);
            if (cells.length < FIELDS.size() || cells[0].strip().toLowerCase(Locale.ROOT).startsWith("gpu_bus_id")) {
                continue;
            }
            Integer gpu = gpuByBusId.get(busId(cells[0]));
            String pid = cells[1].strip();
            if (gpu == null || !pid.matches("[0-9]{1,10}") || Long.parseLong(pid) == 0) {
                continue;
            }
            String name = String.join(",", java.util.Arrays.copyOfRange(cells, 2, cells.length - 1)).strip();
            long used = NvidiaSmiCsvParser.mibToBytes(stripUnit(cells[cells.length - 1]));
            out.add(new GpuProcess(gpu, Long.parseLong(pid), sanitize(name), used < 0 ? GpuProcess.UNKNOWN : used));
            if (out.size() == MAX_ROWS) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /**
     * A PCI bus id as one key whatever its spelling: nvidia-smi prints an 8-digit domain
     * ({@code 00000000:83:00.0}), sysfs and lspci a 4-digit one ({@code 0000:83:00.0}).
     */
    public static String busId(String raw) {
        String v = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        int first = v.indexOf(':');
        if (first < 0) {
            return v;
        }
        String domain = v.substring(0, first).replaceFirst("^0+", "");
        return (domain.isEmpty() ? "0" : domain) + v.substring(first);
    }

    private static String stripUnit(String cell) {
        String v = cell.strip();
        return v.endsWith("MiB") ? v.substring(0, v.length() - 3).strip() : v;
    }

    /** Control characters (terminal escapes, newlines) dropped; long names cut. */
    static String sanitize(String name) {
        return sanitize(name, MAX_NAME_CHARS);
    }

    static String sanitize(String name, int maxChars) {
        StringBuilder b = new StringBuilder(Math.min(name.length(), maxChars));
        for (int i = 0; i < name.length() && b.length() < maxChars; i++) {
            char c = name.charAt(i);
            if (!Character.isISOControl(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
