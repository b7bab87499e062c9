/** The {@code jnl} entry point: global options, exit codes, error reporting. */
package io.jnetlink.cli;
