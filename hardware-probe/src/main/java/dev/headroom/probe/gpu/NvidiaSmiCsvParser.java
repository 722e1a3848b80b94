package dev.headroom.probe.gpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code nvidia-smi --query-gpu=<fields> --format=csv[,noheader][,nounits]} output into one map per
 * GPU (field → value). Values nvidia-smi cannot give ({@code [N/A]}, {@code [Not Supported]},
 * {@code [Unknown Error]}, {@code [Insufficient Permissions]}) become absent keys; units left in by a
 * {@code csv} format without {@code nounits} ({@code 24564 MiB}) are stripped. A header line is skipped
 * when present. Lines with the wrong number of cells are reported, not guessed.
 */
public final class NvidiaSmiCsvParser {
    /** The message drivers before the compute_cap field existed (470 and older) print for it. */
    public static final String INVALID_FIELD = "is not a valid field to query";

    /**
     * Rows beyond this many are not GPUs of one host: the largest single nodes hold 16 (HGX B200 has 8, a
     * DGX-2 16); a flood of valid rows from a broken or hostile tool is cut here, with a problem.
     */
    public static final int MAX_GPUS = 64;

    private static final Set<String> UNITS = Set.of("MiB", "MHz", "%", "W", "C");

    private NvidiaSmiCsvParser() {
    }

    /** Rows (field → value, unavailable fields absent) and the problems met. */
    public record Result(List<Map<String, String>> rows, List<String> problems) {
        public Result {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    public static Result parse(List<String> fields, String output) {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (output == null) {
            return new Result(rows, List.of("no output"));
        }
        int lineNo = 0;
        for (String raw : output.lines().toList()) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.contains(INVALID_FIELD)) {
                problems.add(line);
                continue;
            }
            if (rows.size() >= MAX_GPUS) {
                problems.add("more than " + MAX_GPUS + " GPU rows: the rest were ignored (not one host's GPUs)");
                break;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != fields.size()) {
                problems.add("line " + lineNo + ": expected " + fields.size() + " values, got " + cells.length + ": "
                        + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
                continue;
            }
            if (isHeader(cells, fields)) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                String value = clean(cells[i]);
                if (value != null) {
                    row.put(fields.get(i), value);
                }
            }
            rows.add(row);
        }
        return new Result(rows, problems);
    }

    private static boolean isHeader(String[] cells, List<String> fields) {
        String first = cells[0].strip().toLowerCase(Locale.ROOT);
        return first.equals(fields.get(0)) || first.startsWith(fields.get(0) + " [");
    }

    /** The value, or null when nvidia-smi says it has none. */
    static String clean(String cell) {
        String v = cell.strip();
        if (v.isEmpty() || (v.startsWith("[") && v.endsWith("]")) || v.equalsIgnoreCase("N/A")) {
            return null;
        }
        int space = v.lastIndexOf(' ');
        if (space > 0 && UNITS.contains(v.substring(space + 1)) && isNumber(v.substring(0, space))) {
            v = v.substring(0, space);
        }
        return v;
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A MiB count as bytes, or -1 when absent or not a number. */
    public static long mibToBytes(String mib) {
        if (mib == null || !isNumber(mib)) {
            return -1;
        }
        double v = Double.parseDouble(mib);
        return v < 0 ? -1 : Math.round(v * 1024 * 1024);
    }

    /**
     * nvidia-smi's {@code pci.device_id} ({@code 0x268410DE}: device id in the high 16 bits, vendor id in
     * the low 16 bits) as {@code 10de:2684}; empty when absent or malformed.
     */
    public static String pciId(String deviceId) {
        if (deviceId == null) {
            return "";
        }
        String hex = deviceId.strip().toLowerCase(Locale.ROOT);
        hex = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (hex.length() != 8 || !hex.matches("[0-9a-f]{8}")) {
            return "";
        }
        return hex.substring(4) + ":" + hex.substring(0, 4);
    }
}
