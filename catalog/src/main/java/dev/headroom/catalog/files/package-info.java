/**
 * Exact, offline readers of model files: Hugging Face {@code config.json} (and
 * {@code model.safetensors.index.json}), safetensors headers and GGUF headers. Every reader treats its
 * input as untrusted: each length read from a file is capped before anything is allocated, and every
 * problem surfaces as one {@link dev.headroom.catalog.files.ModelFileException} with a one-line message.
 */
package dev.headroom.catalog.files;
