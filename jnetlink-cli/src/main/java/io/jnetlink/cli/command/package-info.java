/** One class per {@code jnl} object (link, addr, route, netns) and the demo; syntax follows ip(8). */
package io.jnetlink.cli.command;
