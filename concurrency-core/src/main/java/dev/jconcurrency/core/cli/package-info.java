/**
 * One command-line parser for every example main and the tour, with the house rules built in: {@code --help},
 * one-line errors that name the option and its allowed values, exit code 2. See
 * {@link dev.jconcurrency.core.cli.CommandLine}. On top of it, the launcher every example module's {@code Main}
 * is: its seed section, {@code --list} and {@code --lesson N}; see {@link dev.jconcurrency.core.cli.LessonLauncher}.
 */
package dev.jconcurrency.core.cli;
