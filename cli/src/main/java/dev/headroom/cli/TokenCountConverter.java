package dev.headroom.cli;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.units.TokenCounts;
import picocli.CommandLine.ITypeConverter;

/**
 * picocli converter for token-count options ({@code --context 8k}): the parser YAML uses, {@link TokenCounts},
 * so {@code 8k}, {@code 32K}, {@code 128000} and {@code 1.5M} mean the same on the command line and in a
 * requirements file. Use as {@code @Option(names = "--context", converter = TokenCountConverter.class) Long context;}.
 */
public final class TokenCountConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return TokenCounts.parse(value, DeploymentRequest.MAX_CONTEXT);
        } catch (IllegalArgumentException e) {
            // picocli prefixes "Invalid value for option '--context': "; the message is the parser's one line
            throw new picocli.CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
