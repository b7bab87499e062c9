/**
 * Network namespaces as owned, AutoCloseable handles: open by name, path or pid, create (named like
 * {@code ip netns add}, or anonymous), delete and list; sockets opened inside through a dedicated platform
 * thread so that no caller thread ever changes namespace.
 */
package io.jnetlink.core.ns;
