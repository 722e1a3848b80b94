package dev.headroom.cli;

import dev.headroom.sizing.units.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converter for latency targets in seconds: {@code 2s}, {@code 50ms}, {@code 0.05} ({@link Durations}). */
public final class DurationConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        try {
            return Durations.seconds("duration", value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage().replaceFirst("^duration: ", ""));
        }
    }
}
