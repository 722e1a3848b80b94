/**
 * The reproducible accuracy report ({@code headroom validate}): predictions of the engine against the
 * published measurements bundled under {@code resources/validation/}, rendered as Markdown sections.
 * A new report section is one {@link dev.headroom.advisor.validate.AccuracySection} added to
 * {@link dev.headroom.advisor.validate.AccuracyReport#sections()}.
 */
package dev.headroom.advisor.validate;
