/**
 * Finds models already on disk: the Hugging Face hub cache, Ollama's manifests and blobs, LM Studio's
 * model folders and any folders named, and reads each with the exact readers of
 * {@link dev.headroom.catalog.files}. Walks are bounded in depth and file count and do not follow
 * directory links, so a scan of a large or looping tree ends.
 */
package dev.headroom.catalog.scan;
