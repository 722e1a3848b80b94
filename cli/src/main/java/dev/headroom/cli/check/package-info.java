/**
 * {@code headroom check}: capacity gates for CI. A requirements file (YAML) names the models a team
 * serves, at which precision, context, concurrency and runtime, with minimum speeds and memory
 * headroom; the evaluator sizes each on a probed or saved hardware profile with the engine, and the
 * reporters print a table and write JSON, JUnit XML and a Markdown summary. Exit codes come from
 * {@link dev.headroom.cli.ExitCodes}.
 */
package dev.headroom.cli.check;
