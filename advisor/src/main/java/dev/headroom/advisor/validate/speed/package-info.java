/**
 * The speed section of the accuracy report: llama.cpp decode (tg) and prompt (pp) tokens/s predicted
 * from the accelerator catalog and the engine's class constants, against published llama-bench rows.
 */
package dev.headroom.advisor.validate.speed;
