package dev.headroom.advisor.check;

import dev.headroom.sizing.units.ByteUnits;
import java.util.Locale;

/**
 * The least memory a requirement wants left over after the model is loaded: a share of the memory
 * pool it runs in ({@code 10%}) or a size ({@code 2GiB}, parsed by {@link ByteUnits#parse}).
 */
public sealed interface HeadroomThreshold {
    /** No headroom required beyond fitting. */
    HeadroomThreshold NONE = new Bytes(0);

    /** The headroom in bytes this threshold asks for in a pool of {@code poolBytes}. */
    long requiredBytes(long poolBytes);

    /** As written: {@code 10%}, {@code 2.00 GiB}. */
    String label();

    /** Whether this asks for nothing beyond fitting. */
    boolean none();

    /** @param percent share of the pool, 0..100 */
    record Percent(double percent) implements HeadroomThreshold {
        public Percent {
            if (!(percent >= 0 && percent < 100)) {
                throw new IllegalArgumentException("must be within 0%..99.9%, was " + percent + "%");
            }
        }

        public long requiredBytes(long poolBytes) {
            return (long) Math.ceil(poolBytes * percent / 100.0);
        }

        public boolean none() {
            return percent == 0;
        }

        public String label() {
            return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format(Locale.ROOT, "%.1f", percent)) + "%";
        }
    }

    /** @param bytes memory to keep free */
    record Bytes(long bytes) implements HeadroomThreshold {
        public Bytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("must not be negative, was " + bytes);
            }
        }

        public long requiredBytes(long poolBytes) {
            return bytes;
        }

        public boolean none() {
            return bytes == 0;
        }

        public String label() {
            return ByteUnits.formatIec(bytes);
        }
    }

    /**
     * Parses {@code 10%}, {@code 2GiB}, {@code 512 MiB} or a byte count.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static HeadroomThreshold parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.endsWith("%")) {
            try {
                return new Percent(Double.parseDouble(t.substring(0, t.length() - 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a percentage (examples: 10%, 2GiB)");
            }
        }
        try {
            return new Bytes(ByteUnits.parse(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a percentage nor a size (examples: 10%, 2GiB, 512MiB)");
        }
    }
}
