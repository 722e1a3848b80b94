package dev.headroom.sizing.serving;

/** How requests arrive: open-loop Poisson at a rate, or a fixed number of users each sending the next request after the last answer. */
public sealed interface Arrivals {
    /** Most users or requests per second accepted, to catch typos. */
    double MAX_LOAD = 1_000_000;

    /**
     * Open loop: exponential gaps with mean {@code 1 / requestsPerSecond} (vLLM benchmark_serving's {@code --request-rate}).
     *
     * @param requestsPerSecond arrival rate, requests/s
     */
    record Poisson(double requestsPerSecond) implements Arrivals {
        public Poisson {
            if (!(requestsPerSecond > 0 && requestsPerSecond <= MAX_LOAD)) {
                throw new IllegalArgumentException("rate: must be within (0, " + (long) MAX_LOAD + "] requests/s, was " + requestsPerSecond);
            }
        }
    }

    /**
     * Closed loop: {@code users} users, each sending its next request {@code thinkSeconds} after the
     * previous answer ended (benchmark_serving's {@code --max-concurrency} with think time 0).
     */
    record ClosedLoop(int users, double thinkSeconds) implements Arrivals {
        public ClosedLoop {
            if (users < 1 || users > MAX_LOAD) {
                throw new IllegalArgumentException("users: must be within 1.." + (long) MAX_LOAD + ", was " + users);
            }
            if (!(thinkSeconds >= 0 && thinkSeconds < 1e6)) {
                throw new IllegalArgumentException("think time: must be within 0..1e6 s, was " + thinkSeconds);
            }
        }
    }
}
