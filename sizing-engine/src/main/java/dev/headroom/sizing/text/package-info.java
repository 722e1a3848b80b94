/** The one sanitizer for text that came from input (files, names, tool output) before it reaches a terminal or report. */
package dev.headroom.sizing.text;
