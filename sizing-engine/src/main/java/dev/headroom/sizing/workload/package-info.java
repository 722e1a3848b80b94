/** Memory of models that are not autoregressive LLMs: encoders, CNNs, ViTs, diffusion, speech. */
package dev.headroom.sizing.workload;
