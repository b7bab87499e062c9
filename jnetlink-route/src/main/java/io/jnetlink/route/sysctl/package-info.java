/**
 * sysctl without running a program: {@link io.jnetlink.route.sysctl.Sysctl} reads and writes net.* keys of a
 * network namespace, per key over rtnetlink ({@link io.jnetlink.route.sysctl.Ipv4DevConfs}, IFLA_INET_CONF) or
 * through /proc/sys/net on the namespace's thread ({@link io.jnetlink.route.sysctl.ProcSys}). docs/sysctl.md says
 * which key goes which way and why.
 */
package io.jnetlink.route.sysctl;
