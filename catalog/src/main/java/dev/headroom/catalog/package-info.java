/**
 * Model and accelerator data: the bundled catalog (resources, each entry with its sources), lookups by
 * id or alias, and the accelerator table that turns a probed GPU name into bandwidth and TFLOP/s.
 */
package dev.headroom.catalog;
