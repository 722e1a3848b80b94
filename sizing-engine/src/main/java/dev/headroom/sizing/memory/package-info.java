/** Memory arithmetic: weights per tensor type, KV cache, runtime buffers and overhead, as a sourced breakdown. */
package dev.headroom.sizing.memory;
