/** Output formats of jnl: human-readable tables and stable JSON (fields documented in docs/cli.md). */
package io.jnetlink.cli.output;
