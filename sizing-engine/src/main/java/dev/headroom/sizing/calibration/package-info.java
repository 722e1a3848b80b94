/** What {@code headroom bench} measured on a machine, and how the engine turns it into ceilings. Pure values; storage lives in the cli. */
package dev.headroom.sizing.calibration;
