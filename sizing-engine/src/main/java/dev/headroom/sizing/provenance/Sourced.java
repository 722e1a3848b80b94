package dev.headroom.sizing.provenance;

import java.util.Objects;

/**
 * A named quantity with the evidence behind it.
 *
 * @param name what the number is, e.g. {@code weights} or {@code decodeBandwidth}
 * @param value the number in the unit that {@code unit} names
 * @param unit {@code bytes}, {@code bytes/s}, {@code FLOP/s}, {@code tokens/s}, ...
 * @param origin the kind of evidence
 * @param note the formula, file, datasheet or assumption, in words a user can check
 */
public record Sourced(String name, double value, String unit, Origin origin, String note) {
    public Sourced {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(origin, "origin");
        note = note == null ? "" : note;
    }

    public static Sourced bytes(String name, long bytes, Origin origin, String note) {
        return new Sourced(name, bytes, "bytes", origin, note);
    }
}
