/** Fit verdicts: where a deployment runs on a machine (GPU, GPU + CPU split, CPU) and how much room is left. */
package dev.headroom.sizing.fit;
