/**
 * Memory and throughput of models that are not autoregressive LLMs: CNNs, vision transformers, text
 * encoders and embedders, encoder-decoders (T5, Whisper), speech encoders, audio generators, diffusion
 * pipelines, time-series and tabular models. One entry point: {@link dev.headroom.sizing.workload.DomainEstimator}.
 */
package dev.headroom.sizing.workload;
