package dev.headroom.sizing.serving;

/**
 * What one simulated run measured. Latencies in seconds; statistics cover the requests after the warm-up.
 *
 * @param completed requests that finished (including warm-up ones)
 * @param rejected requests refused: longer than {@code max_model_len}, a slot, or the whole pool
 * @param truncated requests whose generation stopped because their slot was full (llama.cpp, Ollama)
 * @param preemptions times a running sequence was preempted and later recomputed (vLLM)
 * @param simulatedSeconds time from the first arrival to the last answer
 * @param steps forward passes simulated
 * @param outputTokensPerSecond output tokens per second summed over all sequences, in the measurement window
 *                              (from the end of the warm-up to the last arrival; the whole run when that is empty)
 * @param requestsPerSecond completed requests per second over the same window
 * @param meanRunning time-averaged sequences in the running batch
 * @param peakRunning most sequences in one step's batch
 * @param meanInSystem time-averaged requests waiting or running (Little's L)
 * @param ttft time to first token: arrival to the step that samples the first output token
 * @param tpot time per output token after the first: {@code (e2e - ttft) / (output - 1)} (benchmark_serving's definition)
 * @param e2e arrival to last token
 */
public record ServingResult(int completed, int rejected, int truncated, long preemptions, double simulatedSeconds, long steps,
                            double outputTokensPerSecond, double requestsPerSecond, double meanRunning, int peakRunning,
                            double meanInSystem, Percentiles ttft, Percentiles tpot, Percentiles e2e) {
    public ServingResult {
        if (ttft == null || tpot == null || e2e == null) {
            throw new IllegalArgumentException("percentiles are required");
        }
    }

    /** Median output tokens per second one user sees while its answer streams, {@code 1 / tpot.p50}; 0 without samples. */
    public double tokensPerSecondPerUser() {
        return tpot.p50() > 0 ? 1 / tpot.p50() : 0;
    }
}
