/** Model architectures and the exact parameter arithmetic over them. */
package dev.headroom.sizing.model;
