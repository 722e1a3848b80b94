/** Speed arithmetic: decode and prefill throughput from bytes, FLOPs and device ceilings (a roofline). */
package dev.headroom.sizing.speed;
