/** Weight formats as data: GGML tensor types with their real block layouts, and file-level quant schemes. */
package dev.headroom.sizing.quant;
