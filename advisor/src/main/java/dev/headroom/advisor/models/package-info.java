/**
 * Naming models: one resolver ({@link dev.headroom.advisor.models.ModelResolver}) turns what a user writes (a catalog
 * id or alias, a Hugging Face repo id, a path, an Ollama name) into a {@link dev.headroom.advisor.models.NamedModel}
 * for every surface: {@code size}, {@code check}, {@code fit}, {@code recommend} and the dashboard.
 */
package dev.headroom.advisor.models;
