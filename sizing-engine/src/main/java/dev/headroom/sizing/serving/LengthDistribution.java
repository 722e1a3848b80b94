package dev.headroom.sizing.serving;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** Token counts of prompts or outputs: fixed, uniform, or lognormal (the shape of chat traces such as ShareGPT). */
public sealed interface LengthDistribution {
    /** Longest length accepted, to catch typos before arithmetic. */
    long MAX_TOKENS = 10_000_000L;

    /** One draw, at least 1 and at most {@link #max()}. */
    long sample(RandomGenerator random);

    /** Expected value, tokens. */
    double mean();

    /** Largest value a draw can take, tokens. */
    long max();

    /** Every request has {@code tokens}. */
    record Fixed(long tokens) implements LengthDistribution {
        public Fixed {
            check("tokens", tokens);
        }

        @Override
        public long sample(RandomGenerator random) {
            return tokens;
        }

        @Override
        public double mean() {
            return tokens;
        }

        @Override
        public long max() {
            return tokens;
        }
    }

    /** Uniform over {@code min..max} inclusive. */
    record Uniform(long min, long max) implements LengthDistribution {
        public Uniform {
            check("min", min);
            check("max", max);
            if (max < min) {
                throw new IllegalArgumentException("uniform: max " + max + " is below min " + min);
            }
        }

        @Override
        public long sample(RandomGenerator random) {
            return min + random.nextLong(max - min + 1);
        }

        @Override
        public double mean() {
            return (min + max) / 2.0;
        }
    }

    /**
     * {@code median x exp(sigma x N(0,1))}, rounded, clamped to {@code 1..max}.
     *
     * @param median the median, tokens
     * @param sigma the standard deviation of the log, 0..4
     * @param max the cap (a runtime's maximum model length), tokens
     */
    record LogNormal(double median, double sigma, long max) implements LengthDistribution {
        public LogNormal {
            if (!(median >= 1 && median <= MAX_TOKENS)) {
                throw new IllegalArgumentException("lognormal median: must be within 1.." + MAX_TOKENS + ", was " + median);
            }
            if (!(sigma >= 0 && sigma <= 4)) {
                throw new IllegalArgumentException("lognormal sigma: must be within 0..4, was " + sigma);
            }
            check("max", max);
        }

        @Override
        public long sample(RandomGenerator random) {
            double x = median * Math.exp(sigma * random.nextGaussian());
            return Math.max(1, Math.min(max, Math.round(x)));
        }

        /** The mean of the unclamped lognormal, {@code median x exp(sigma^2 / 2)}, capped at {@code max}. */
        @Override
        public double mean() {
            return Math.min(max, median * Math.exp(sigma * sigma / 2));
        }
    }

    /**
     * {@code 1000} (fixed), {@code uniform:500-1500}, {@code lognormal:1000,0.6} or {@code lognormal:1000,0.6,8192}
     * (median, sigma, cap; the cap defaults to 16 x the median).
     *
     * @throws IllegalArgumentException naming the field and the forms accepted
     */
    public static LengthDistribution parse(String field, String text) {
        String forms = "; expected N, uniform:MIN-MAX or lognormal:MEDIAN,SIGMA[,MAX]";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": missing value" + forms);
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("uniform:")) {
                String[] p = t.substring(8).split("-", -1);
                if (p.length != 2) {
                    throw new IllegalArgumentException(field + ": '" + text + "'" + forms);
                }
                return new Uniform(Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim()));
            }
            if (t.startsWith("lognormal:")) {
                String[] p = t.substring(10).split(",", -1);
                if (p.length < 2 || p.length > 3) {
                    throw new IllegalArgumentException(field + ": '" + text + "'" + forms);
                }
                double median = Double.parseDouble(p[0].trim());
                long max = p.length == 3 ? Long.parseLong(p[2].trim()) : Math.min(MAX_TOKENS, Math.round(16 * median));
                return new LogNormal(median, Double.parseDouble(p[1].trim()), max);
            }
            return new Fixed(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a number" + forms);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(field) ? e : new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private static void check(String field, long tokens) {
        if (tokens < 1 || tokens > MAX_TOKENS) {
            throw new IllegalArgumentException(field + ": must be within 1.." + MAX_TOKENS + " tokens, was " + tokens);
        }
    }
}
