/**
 * One command-line parser for every example main and the tour, with the house rules built in: {@code --help},
 * one-line errors that name the option and its allowed values, exit code 2. See
 * {@link dev.jconcurrency.core.cli.CommandLine}.
 */
package dev.jconcurrency.core.cli;
