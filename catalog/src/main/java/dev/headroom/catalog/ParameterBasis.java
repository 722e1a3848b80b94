package dev.headroom.catalog;

import java.util.Locale;

/** How exact a catalog entry's parameter count is. */
public enum ParameterBasis {
    /** The exact count, from the checkpoint (config.json / safetensors totals) or the publisher. */
    EXACT,
    /** A published figure rounded by its publisher (e.g. "7.2M" in a model card). */
    ROUNDED,
    /** headroom's estimate (marked so wherever shown). */
    ESTIMATE,
    /** Depends on the data trained on (classical models): see the entry's size tiers. */
    DATA_DEPENDENT,
    /** Not published (API-only models). */
    UNDISCLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ParameterBasis parse(String s) {
        for (ParameterBasis b : values()) {
            if (b.label().equals(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of exact, rounded, estimate, data-dependent, undisclosed");
    }
}
