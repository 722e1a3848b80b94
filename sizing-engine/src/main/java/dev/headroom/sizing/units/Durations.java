package dev.headroom.sizing.units;

import java.util.Locale;

/** Parses latency targets as people write them: {@code 2s}, {@code 50ms}, {@code 1.5 s}, {@code 0.05} (seconds), {@code 800us}. */
public final class Durations {
    /** Longest target accepted: one hour; longer is a typo for a latency. */
    public static final double MAX_SECONDS = 3600;

    private Durations() {
    }

    /** @throws IllegalArgumentException (one line) naming {@code field} and the forms accepted */
    public static double seconds(String field, String text) {
        String forms = "; e.g. 2s, 50ms, 800us or 0.05 (seconds)";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": missing value" + forms);
        }
        if (text.length() > 40) {
            throw new IllegalArgumentException(field + ": longer than 40 characters" + forms);
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        double scale = 1;
        if (t.endsWith("ms")) {
            scale = 1e-3;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us") || t.endsWith("µs")) {
            scale = 1e-6;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("min")) {
            scale = 60;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a duration" + forms);
        }
        double s = v * scale;
        if (!(s > 0) || s > MAX_SECONDS) {
            throw new IllegalArgumentException(field + ": must be within 0..3600 s, was '" + text + "'");
        }
        return s;
    }
}
