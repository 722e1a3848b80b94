/** Where each number in an estimate came from: measured, read from a file, a datasheet, or a default. */
package dev.headroom.sizing.provenance;
