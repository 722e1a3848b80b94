/** {@code headroom bench}: runs the calibration, prints it, and keeps it in the user's config directory for later estimates. */
package dev.headroom.cli.bench;
