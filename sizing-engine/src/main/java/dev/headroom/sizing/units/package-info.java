/** The one parser and the one formatter for byte sizes and rates, used at every edge of headroom. */
package dev.headroom.sizing.units;
