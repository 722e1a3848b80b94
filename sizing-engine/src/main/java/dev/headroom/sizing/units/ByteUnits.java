package dev.headroom.sizing.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes: IEC (KiB, MiB, GiB, TiB = powers of 1024) for memory, SI (kB, MB, GB, TB = powers of
 * 1000) where a vendor states sizes that way. Parsing accepts both families and keeps them apart.
 */
public final class ByteUnits {
    public static final long KIB = 1024L;
    public static final long MIB = 1024L * KIB;
    public static final long GIB = 1024L * MIB;
    public static final long TIB = 1024L * GIB;

    private static final Pattern SIZE =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtTpP]?)(i?)([bB]?)\\s*");

    private ByteUnits() {
    }

    /** Formats bytes with an IEC unit and two decimals above 1 KiB: {@code 1.50 GiB}. */
    public static String formatIec(long bytes) {
        long abs = bytes == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(bytes);
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (abs < KIB) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1024.0 && unit < units.length - 1) {
            value /= 1024.0;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /** Formats bytes as GiB with one decimal, for narrow table columns: {@code 13.5 GiB}. */
    public static String formatGib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }

    /** Formats a vendor rate in bytes per second as SI gigabytes per second: {@code 936 GB/s}. */
    public static String formatGigabytesPerSecond(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.0f GB/s", bytesPerSecond / 1e9);
    }

    /** Formats a rate in operations per second as SI TFLOP/s: {@code 165.2 TFLOP/s}. */
    public static String formatTeraflops(double flopsPerSecond) {
        return String.format(Locale.ROOT, "%.1f TFLOP/s", flopsPerSecond / 1e12);
    }

    /**
     * Parses a size such as {@code 2GiB}, {@code 512 MiB}, {@code 1.5G} (read as GiB: memory is
     * binary), {@code 8GB} (SI, 8e9) or a plain byte count.
     *
     * @throws IllegalArgumentException naming the text when it is not a size, is negative or
     *     overflows a {@code long}
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("size: missing value");
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("size: '" + text + "' is not a size (examples: 2GiB, 512MiB, 8GB, 1048576)");
        }
        String prefix = m.group(2).toUpperCase(Locale.ROOT);
        boolean binary = !m.group(3).isEmpty() || (m.group(4).isEmpty() && !prefix.isEmpty());
        int power = prefix.isEmpty() ? 0 : "KMGTP".indexOf(prefix) + 1;
        double base = binary ? 1024.0 : 1000.0;
        double value = Double.parseDouble(m.group(1)) * Math.pow(base, power);
        if (value >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("size: '" + text + "' is too large");
        }
        return Math.round(value);
    }
}
