package dev.headroom.cli;

import dev.headroom.sizing.units.ByteUnits;
import picocli.CommandLine.ITypeConverter;

/**
 * picocli converter for byte-size options ({@code --memory 24GiB}): the parser catalogs and requirements use,
 * {@link ByteUnits#parse}. Use as {@code @Option(names = "--memory", converter = SizeConverter.class) Long bytes;}.
 */
public final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return ByteUnits.parse(value);
    }
}
