package dev.headroom.advisor.models;

/**
 * A requested precision that contradicts what a model file holds ({@code quant: Q8_0} on a Q4_K_M GGUF): an
 * {@link IllegalArgumentException}, so every command maps it to exit code 2.
 */
public final class QuantMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public QuantMismatchException(String message) {
        super(message);
    }
}
