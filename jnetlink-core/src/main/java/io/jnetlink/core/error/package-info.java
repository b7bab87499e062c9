/**
 * What jnetlink throws: {@link io.jnetlink.core.error.KernelException} for kernel refusals (errno, extended
 * ACK), {@link io.jnetlink.core.error.SyscallException} for failed system calls,
 * {@link io.jnetlink.core.error.DecodeException} for malformed input, and the batch and dump failures.
 * {@link io.jnetlink.core.error.Errno} is the open enumeration of errno values.
 */
package io.jnetlink.core.error;
