/**
 * Serving capacity: a step-level discrete-event simulation of continuous batching (vLLM's scheduler,
 * llama.cpp server slots, Ollama's parallel slots) over a KV pool sized as the runtime allocates it,
 * giving concurrency, throughput and TTFT / TPOT / end-to-end latency percentiles; a capacity search
 * for the highest load meeting latency targets; and a planner over precision x tensor parallel x replicas.
 */
package dev.headroom.sizing.serving;
