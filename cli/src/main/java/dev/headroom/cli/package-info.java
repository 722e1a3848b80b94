/** The {@code headroom} command: parses arguments, composes the modules, prints tables or JSON, returns exit codes. */
package dev.headroom.cli;
