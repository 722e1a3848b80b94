/** Free space on the file systems where model files live (Hugging Face cache, Ollama, the working directory). */
package dev.headroom.probe.disk;
