package dev.headroom.sizing.training;

import dev.headroom.sizing.quant.Names;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Optimizer state per trained parameter, in bytes.
 *
 * <p>AdamW keeps two FP32 moments (8 bytes); bitsandbytes 8-bit AdamW keeps two 8-bit moments with
 * block-wise FP32 absmax per 2048 values (2 bytes + 8 / 2048; Dettmers et al. 2022, "8-bit Optimizers
 * via Block-wise Quantization"); SGD with momentum keeps one FP32 buffer (4 bytes).
 */
public enum Optimizer {
    ADAMW(8.0),
    ADAMW_8BIT(2.0 + 8.0 / 2048),
    SGD_MOMENTUM(4.0);

    private final double bytesPerParameter;

    Optimizer(double bytesPerParameter) {
        this.bytesPerParameter = bytesPerParameter;
    }

    public double bytesPerParameter() {
        return bytesPerParameter;
    }

    /** Exact bytes of state for {@code parameters} trained values (rounded up to whole bytes). */
    public long stateBytes(long parameters) {
        return switch (this) {
            case ADAMW -> Math.multiplyExact(parameters, 8L);
            case ADAMW_8BIT -> Math.addExact(Math.multiplyExact(parameters, 2L), (parameters + 2047) / 2048 * 8);
            case SGD_MOMENTUM -> Math.multiplyExact(parameters, 4L);
        };
    }

    public static Optimizer parse(String text) {
        List<String> names = Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        if (text != null) {
            String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (key.equals("ADAM") || key.equals("ADAMW_32BIT")) {
                return ADAMW;
            }
            if (key.equals("SGD") || key.equals("ADAMW8BIT") || key.equals("PAGED_ADAMW_8BIT")) {
                return key.equals("SGD") ? SGD_MOMENTUM : ADAMW_8BIT;
            }
            for (Optimizer o : values()) {
                if (o.name().equals(key)) {
                    return o;
                }
            }
        }
        throw new IllegalArgumentException("optimizer: unknown '" + text + "'; did you mean "
                + Names.nearest(String.valueOf(text), names) + "? valid: " + String.join(", ", names));
    }
}
