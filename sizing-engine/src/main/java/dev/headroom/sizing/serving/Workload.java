package dev.headroom.sizing.serving;

/**
 * What users send a server.
 *
 * @param arrivals rate or users
 * @param prompt prompt length distribution, tokens
 * @param output output length distribution, tokens (the request's {@code max_tokens}, generation never stops early)
 * @param requests requests simulated, 1..{@link #MAX_REQUESTS}
 * @param warmupRequests the first requests left out of the statistics (the ramp-up), 0..requests-1
 * @param seed seed of the arrival and length draws: the same seed gives the same result
 */
public record Workload(Arrivals arrivals, LengthDistribution prompt, LengthDistribution output, int requests,
                       int warmupRequests, long seed) {
    /** More requests than a sub-second simulation can carry; enough for stable p99s. */
    public static final int MAX_REQUESTS = 100_000;
    /** Requests simulated by {@link #of}: p99 then rests on 20 samples. */
    public static final int DEFAULT_REQUESTS = 2000;

    public Workload {
        if (arrivals == null || prompt == null || output == null) {
            throw new IllegalArgumentException("workload: arrivals, prompt and output are required");
        }
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("requests: must be within 1.." + MAX_REQUESTS + ", was " + requests);
        }
        if (warmupRequests < 0 || warmupRequests >= requests) {
            throw new IllegalArgumentException("warm-up: must be within 0.." + (requests - 1) + ", was " + warmupRequests);
        }
    }

    /** {@link #DEFAULT_REQUESTS} requests (at least 5 per user), a tenth of them warm-up, seed 1. */
    public static Workload of(Arrivals arrivals, LengthDistribution prompt, LengthDistribution output) {
        int requests = DEFAULT_REQUESTS;
        if (arrivals instanceof Arrivals.ClosedLoop c) {
            requests = (int) Math.min(MAX_REQUESTS, Math.max(requests, 5L * c.users()));
        }
        return new Workload(arrivals, prompt, output, requests, requests / 10, 1);
    }

    /** The same lengths and seed at another load; the request count grows with users as in {@link #of}. */
    public Workload withArrivals(Arrivals a) {
        int n = requests;
        if (a instanceof Arrivals.ClosedLoop c) {
            n = (int) Math.min(MAX_REQUESTS, Math.max(requests, 5L * c.users()));
        }
        int warm = n == requests ? warmupRequests : (int) ((long) warmupRequests * n / requests);
        return new Workload(a, prompt, output, n, warm, seed);
    }

    /** Longest prompt plus output a request can have, tokens. */
    public long maxSequenceTokens() {
        return prompt.max() + output.max();
    }
}
