/**
 * Build-time help for the {@code ./jnl} launcher's startup: {@link io.jnetlink.cli.startup.ClassFileUpgrade}
 * makes picocli's class files cacheable by the JDK's AOT cache. Not used by jnl's commands.
 */
package io.jnetlink.cli.startup;
