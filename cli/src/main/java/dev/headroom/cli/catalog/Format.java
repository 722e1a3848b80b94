package dev.headroom.cli.catalog;

import dev.headroom.advisor.catalog.Fit;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.CatalogException;
import dev.headroom.catalog.ParameterBasis;
import dev.headroom.cli.ExitCodes;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.util.Locale;

/** Text formatting shared by the catalog commands. */
final class Format {
    private Format() {
    }

    /** A parameter count as people read it ({@code 7.24B}, {@code 110M}), with a marker unless exact. */
    static String parameters(CatalogModel m) {
        long p = m.parameterCount();
        ParameterBasis b = m.details().parameterBasis();
        if (p <= 0) {
            return b == ParameterBasis.DATA_DEPENDENT ? "data" : "-";
        }
        String mark = switch (b) {
            case EXACT -> "";
            case ROUNDED -> "~";
            default -> "≈";
        };
        return mark + count(p);
    }

    static String count(long p) {
        if (p >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fB", p / 1e9);
        }
        if (p >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fM", p / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fK", p / 1e3);
    }

    static String bytes(long b) {
        return b < 0 ? "-" : ByteUnits.formatIec(b);
    }

    static String rate(Fit f) {
        return f.rate() > 0 ? String.format(Locale.ROOT, f.rate() >= 100 ? "%.0f %s" : "%.1f %s", f.rate(), f.rateUnit()) : "-";
    }

    static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Prints every problem of a catalog load, one per line, and returns the invalid-input exit code. */
    static int problems(PrintWriter err, CatalogException e) {
        for (String p : e.problems()) {
            err.println("headroom: catalog: " + p);
        }
        return ExitCodes.INVALID_INPUT;
    }
}
