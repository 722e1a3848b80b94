package dev.headroom.sizing.serving;

/**
 * Seconds of one forward pass of a continuous-batching server. The simulator only asks this; swap in a
 * calibrated or profiled model by implementing it.
 */
public interface StepTimeModel {
    /**
     * One step decoding one token for each of {@code batch} sequences.
     *
     * @param batch sequences, at least 1
     * @param meanContext mean tokens already in those sequences' KV caches
     */
    double decodeStepSeconds(int batch, long meanContext);

    /**
     * One step over {@code tokens} prompt tokens (one chunk of chunked prefill) whose first
     * {@code contextSoFar} tokens are already cached.
     */
    double prefillSeconds(long tokens, long contextSoFar);

    /**
     * One step doing both, as vLLM's chunked prefill and llama.cpp's mixed batches do: the two parts
     * share one pass over the weights, so the cost of that bare pass ({@code decodeStepSeconds(1, 0)})
     * is paid once; the step is never shorter than either part alone.
     *
     * @param decodeSequences sequences decoding one token, 0 or more
     * @param meanDecodeContext their mean cached tokens
     * @param prefillTokens prompt tokens computed in the step, 0 or more
     * @param prefillContext token-weighted mean of the tokens cached before each prompt chunk
     */
    default double stepSeconds(int decodeSequences, long meanDecodeContext, long prefillTokens, long prefillContext) {
        if (prefillTokens == 0) {
            return decodeStepSeconds(decodeSequences, meanDecodeContext);
        }
        double p = prefillSeconds(prefillTokens, prefillContext);
        if (decodeSequences == 0) {
            return p;
        }
        double d = decodeStepSeconds(decodeSequences, meanDecodeContext);
        return Math.max(Math.max(d, p), d + p - decodeStepSeconds(1, 0));
    }
}
