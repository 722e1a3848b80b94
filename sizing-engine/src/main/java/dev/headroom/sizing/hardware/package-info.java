/** The engine's view of a machine: CPU, memory and devices, filled by the probe (or a saved profile). */
package dev.headroom.sizing.hardware;
