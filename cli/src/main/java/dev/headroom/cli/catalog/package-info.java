/**
 * {@code headroom catalog ...} and {@code headroom recommend}: browse the catalog, read local model files
 * exactly, scan the caches, and pick models for a task by the product brief's decision matrix, ranked by
 * what fits this machine.
 */
package dev.headroom.cli.catalog;
