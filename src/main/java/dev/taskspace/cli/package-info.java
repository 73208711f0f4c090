/**
 * The command line (picocli): {@code demo}, {@code corpus}, {@code embed}, {@code project},
 * {@code site} and {@code serve}, their options, and the live-task runner that {@code serve}
 * hands to the web package. The only package that may use every other one; no other package
 * uses it. Not a library API: options and output are the user interface (docs/cli.md).
 */
package dev.taskspace.cli;
