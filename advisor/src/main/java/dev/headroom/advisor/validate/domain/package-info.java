/**
 * The non-LLM section of the accuracy report: vision, speech, embedding and diffusion throughput predicted by
 * the workload models against published measurements and this machine's ONNX Runtime runs.
 */
package dev.headroom.advisor.validate.domain;
