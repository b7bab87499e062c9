/**
 * Following rtnetlink changes, equivalent to {@code ip monitor}: {@link io.jnetlink.route.monitor.Monitor} joins
 * the multicast groups of the chosen {@link io.jnetlink.route.monitor.Kind}s, dumps them, and delivers typed
 * {@link io.jnetlink.route.monitor.Event}s (links, addresses, routes and neighbours added, changed, removed),
 * resynchronising with a fresh {@link io.jnetlink.route.monitor.Snapshot} whenever the kernel dropped
 * notifications. Messages it does not model arrive raw, never dropped.
 */
package io.jnetlink.route.monitor;
