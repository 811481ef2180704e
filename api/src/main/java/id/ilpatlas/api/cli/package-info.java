/**
 * The one-shot commands {@code ./atlas} runs through the application jar ({@code --atlas.cli=import-rw},
 * {@code import-roads}, {@code import-cases}, {@code generate-eppgbm}): each prints its report and exits the JVM with
 * 0 (all imported), 1 (something rejected) or 2 (bad usage).
 */
package id.ilpatlas.api.cli;
