/** Fine-tuning memory: full fine-tuning, LoRA and QLoRA, as a breakdown that sums its parts. */
package dev.headroom.sizing.training;
