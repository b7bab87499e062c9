/**
 * The only code that calls libc, through java.lang.foreign downcalls with errno captured. Not exported by
 * the module: everything above sees sockets, namespaces and messages.
 */
package io.jnetlink.core.internal.ffm;
