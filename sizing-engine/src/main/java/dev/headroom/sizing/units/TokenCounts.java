package dev.headroom.sizing.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for token counts (context lengths, batch sizes) on the command line and in YAML:
 * {@code 8192}, {@code 128_000}, {@code 8k}, {@code 32K}, {@code 1.5M}. {@code k} and {@code M} are
 * binary multiples as model cards and configs use them: "8k context" is 8,192 tokens, "128K" is
 * Llama 3.1's {@code max_position_embeddings} of 131,072 and "10M" Llama 4 Scout's 10,485,760
 * (huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json,
 * huggingface.co/meta-llama/Llama-4-Scout-17B-16E/blob/main/config.json). The result must be a whole
 * number of tokens ({@code 1.5k} is 1,536; {@code 1.0001k} is refused).
 */
public final class TokenCounts {
    /** Digits before a suffix are capped so a hostile value cannot cost more than a short one. */
    private static final Pattern COUNT = Pattern.compile("\\s*([0-9][0-9_]{0,17}(?:\\.[0-9]{1,6})?)\\s*([kKmM]?)\\s*");

    private TokenCounts() {
    }

    /**
     * Parses a token count within {@code 1..max}.
     *
     * @throws IllegalArgumentException naming the text, with examples, when it is not one
     */
    public static long parse(String text, long max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing number of tokens (examples: 8192, 8k, 128K)");
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        Matcher m = COUNT.matcher(text);
        if (!m.matches() || m.group(1).endsWith("_") || m.group(1).contains("_.")) {
            throw new IllegalArgumentException("'" + shown + "' is not a whole number of tokens (examples: 8192, 8k, 128K, 1.5M)");
        }
        String digits = m.group(1).replace("_", "");
        String suffix = m.group(2).toLowerCase(Locale.ROOT);
        long unit = suffix.equals("k") ? 1024 : suffix.equals("m") ? 1024 * 1024 : 1;
        java.math.BigDecimal value = new java.math.BigDecimal(digits).multiply(java.math.BigDecimal.valueOf(unit));
        if (value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + shown + "' is not a whole number of tokens (examples: 8192, 8k, 1.5k)");
        }
        if (value.signum() == 0 || value.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException("must be within 1.." + max + " tokens, was " + shown);
        }
        return value.longValueExact();
    }
}
