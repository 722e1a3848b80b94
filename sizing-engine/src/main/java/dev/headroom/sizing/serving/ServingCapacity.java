package dev.headroom.sizing.serving;

/**
 * How much load one server (one replica) carries.
 *
 * @param kvLimitedConcurrency sequences of mean length the KV pool holds at once, capped by {@code max_num_seqs}
 *                             (vLLM's start-up line "Maximum concurrency for N tokens per request"); the slot count for slots
 * @param latencyLimitedConcurrency largest batch whose decode step at the mean context stays within the TPOT target
 *                                  (the KV limit when there is no TPOT target); 0 when even one sequence is too slow
 * @param maxLoad the highest load meeting the targets: requests/s for a Poisson workload, users for a closed loop; 0 when none does
 * @param atMaxLoad the simulation at {@code maxLoad} (null when {@code maxLoad} is 0)
 * @param simulations runs the search took
 */
public record ServingCapacity(int kvLimitedConcurrency, int latencyLimitedConcurrency, double maxLoad, ServingResult atMaxLoad,
                              int simulations) {
}
